package io.quarkiverse.responsecache.runtime.invalidation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.quarkiverse.responsecache.runtime.store.GuardedStore;
import io.smallrye.mutiny.Uni;

/** The keys of the entries an index lists, read without evicting them: what a soft purge marks stale. */
public final class IndexedKeys {

    private final GuardedStore store;
    private final EntryIndexes indexes;
    private final NamespaceRegistry registry;

    IndexedKeys(GuardedStore store, EntryIndexes indexes, NamespaceRegistry registry) {
        this.store = store;
        this.indexes = indexes;
        this.registry = registry;
    }

    public Uni<Set<String>> ofTag(String tag) {
        return store.members(indexes.tagIndex(tag));
    }

    public Uni<Set<String>> ofNamespace(String namespace) {
        List<Uni<Set<String>>> shards = new ArrayList<>(EntryIndexes.NAMESPACE_SHARDS);
        for (int shard = 0; shard < EntryIndexes.NAMESPACE_SHARDS; shard++) {
            shards.add(store.members(indexes.namespaceShard(namespace, shard)));
        }
        return union(shards);
    }

    public Uni<Set<String>> ofUrl(String path) {
        return store.members(indexes.urlIndex(path));
    }

    /** Through the namespace indexes. */
    public Uni<Set<String>> ofAll() {
        return registry.namespaces().chain(namespaces -> {
            List<Uni<Set<String>>> members = new ArrayList<>();
            for (String namespace : namespaces) {
                members.add(ofNamespace(namespace));
            }
            return union(members);
        });
    }

    private static Uni<Set<String>> union(List<Uni<Set<String>>> sets) {
        return sets.isEmpty() ? Uni.createFrom().item(Set.<String> of())
                : Uni.join().all(sets).andFailFast().map(all -> {
                    Set<String> keys = new HashSet<>();
                    all.forEach(keys::addAll);
                    return keys;
                });
    }
}
