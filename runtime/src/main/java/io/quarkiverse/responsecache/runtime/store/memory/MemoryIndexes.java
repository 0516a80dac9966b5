package io.quarkiverse.responsecache.runtime.store.memory;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The memory store's indexes, each existing only while it has members and changed only inside {@code compute} on its
 * name. See architecture.adoc, section "Indexes and evictions".
 */
final class MemoryIndexes {

    private final Map<String, Set<String>> members = new ConcurrentHashMap<>();

    void add(Map<String, String> memberships) {
        for (Map.Entry<String, String> membership : memberships.entrySet()) {
            members.compute(membership.getKey(), (index, set) -> {
                Set<String> grown = set == null ? ConcurrentHashMap.newKeySet() : set;
                grown.add(membership.getValue());
                return grown;
            });
        }
    }

    /** Memberships naming something else stay: one entry leaving does not unlist its namespace from the registry. */
    void removeEntry(String key, Map<String, String> memberships) {
        for (Map.Entry<String, String> membership : memberships.entrySet()) {
            if (membership.getValue().equals(key)) {
                removeMember(membership.getKey(), key);
            }
        }
    }

    void removeMember(String index, String member) {
        members.computeIfPresent(index, (name, set) -> {
            set.remove(member);
            return set.isEmpty() ? null : set;
        });
    }

    /** @return a copy, empty when the index does not exist */
    Set<String> snapshot(String index) {
        Set<String> set = members.get(index);
        return set == null ? Set.of() : Set.copyOf(set);
    }

    int count() {
        return members.size();
    }
}
