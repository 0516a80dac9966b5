package io.quarkiverse.responsecache.runtime.invalidation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkiverse.responsecache.runtime.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.store.GuardedStore;
import io.smallrye.mutiny.Uni;

/**
 * The sets that find entries for eviction: one index per namespace and one per tag, each listing entry keys, and a
 * registry listing the namespace indexes (so everything can be evicted without {@code KEYS}). Index names start with
 * {@code <prefix>#}, entries with {@code <prefix>:}, so they never collide.
 */
@Singleton
public class EntryIndexes {

    private final GuardedStore store;
    private final String prefix;

    @Inject
    public EntryIndexes(GuardedStore store, ResponseCacheConfig config) {
        this.store = store;
        this.prefix = config.prefix();
    }

    /** @return the indexes an entry joins when stored: its namespace's and its tags'; the namespace's the registry */
    public Map<String, String> memberships(String key, String namespace, List<String> tags) {
        Map<String, String> memberships = new HashMap<>(4 + tags.size());
        String namespaceIndex = namespaceIndex(namespace);
        memberships.put(namespaceIndex, key);
        memberships.put(namespaceRegistry(), namespaceIndex);
        for (String tag : tags) {
            memberships.put(tagIndex(tag), key);
        }
        return memberships;
    }

    public Uni<Long> evictKey(String key) {
        return store.delete(key);
    }

    public Uni<Long> evictTag(String tag) {
        return store.evictIndex(tagIndex(tag));
    }

    public Uni<Long> evictNamespace(String namespace) {
        return store.evictIndex(namespaceIndex(namespace));
    }

    public Uni<Long> evictAll() {
        String registry = namespaceRegistry();
        return store.members(registry).chain(namespaceIndexes -> {
            List<Uni<Long>> evictions = new ArrayList<>();
            for (String namespaceIndex : namespaceIndexes) {
                evictions.add(store.evictIndex(namespaceIndex));
            }
            return evictions.isEmpty() ? Uni.createFrom().item(0L)
                    : Uni.join().all(evictions).andFailFast()
                            .map(counts -> counts.stream().mapToLong(Long::longValue).sum());
        }).call(() -> store.evictIndex(registry));
    }

    private String namespaceIndex(String namespace) {
        return prefix + "#ns:" + namespace;
    }

    private String tagIndex(String tag) {
        return prefix + "#tag:" + tag;
    }

    private String namespaceRegistry() {
        return prefix + "#namespaces";
    }
}
