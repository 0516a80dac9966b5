package io.quarkiverse.responsecache.runtime.store.memory;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The memory store's indexes: index name to the set of its members. An index exists only while it has members, so the
 * indexes never hold more than the entries they list (plus the namespace registry, one member per namespace).
 * <p>
 * An index is created, grown and dropped only inside {@code compute} on its name, so a member added while the last one
 * leaves is never lost with the emptied set. The store calls in here while Caffeine holds the entry's own lock, never
 * the other way round, so the two locks cannot deadlock.
 */
final class MemoryIndexes {

    private final Map<String, Set<String>> members = new ConcurrentHashMap<>();

    /** Adds each member to its index. */
    void add(Map<String, String> memberships) {
        for (Map.Entry<String, String> membership : memberships.entrySet()) {
            members.compute(membership.getKey(), (index, set) -> {
                Set<String> grown = set == null ? ConcurrentHashMap.newKeySet() : set;
                grown.add(membership.getValue());
                return grown;
            });
        }
    }

    /**
     * Drops the entry {@code key} from the indexes that list it. Memberships naming something else (a namespace in the
     * registry) stay: one entry leaving does not unlist its namespace.
     */
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

    /** @return a copy of the members of {@code index}, empty when it does not exist */
    Set<String> snapshot(String index) {
        Set<String> set = members.get(index);
        return set == null ? Set.of() : Set.copyOf(set);
    }

    /** @return how many indexes exist */
    int count() {
        return members.size();
    }
}
