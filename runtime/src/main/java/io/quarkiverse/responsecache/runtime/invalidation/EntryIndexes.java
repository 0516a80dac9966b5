package io.quarkiverse.responsecache.runtime.invalidation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkiverse.responsecache.runtime.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.observe.ResponseCacheEvents;
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
    /** Told how many entries each eviction removed; injected, so tests that build this class need not know. */
    @Inject
    ResponseCacheEvents events = ResponseCacheEvents.none();
    /**
     * Whether entries also join an index of their URL path, so operators can evict by URL: only when something can
     * (the operator endpoints, the Dev UI), since it costs one more index write per stored entry.
     */
    private boolean indexesUrls;

    @Inject
    public EntryIndexes(GuardedStore store, ResponseCacheConfig config) {
        this.store = store;
        this.prefix = config.prefix();
    }

    /** @return the indexes an entry joins when stored: its namespace's and its tags'; the namespace's the registry */
    /** Entries stored from now on also join the index of their URL path (see {@link #evictUrl}). */
    public void indexUrls() {
        this.indexesUrls = true;
    }

    /**
     * @param path the request's path, indexed when URLs are (see {@link #indexUrls()})
     * @return the indexes an entry joins when stored: its namespace's, its tags' and its path's
     */
    public Map<String, String> memberships(String key, String namespace, List<String> tags, String path) {
        Map<String, String> memberships = memberships(key, namespace, tags);
        if (indexesUrls) {
            memberships.put(urlIndex(path), key);
        }
        return memberships;
    }

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
        return reported(store.delete(key), "key", key);
    }

    public Uni<Long> evictTag(String tag) {
        return reported(store.evictIndex(tagIndex(tag)), "tag", tag);
    }

    public Uni<Long> evictNamespace(String namespace) {
        return reported(store.evictIndex(namespaceIndex(namespace)), "namespace", namespace);
    }

    /** Evicts every entry of a URL path, whatever its query, headers or media type; see {@link #indexUrls()}. */
    public Uni<Long> evictUrl(String path) {
        return reported(store.evictIndex(urlIndex(path)), "url", path);
    }

    /** @return the keys of the entries a tag, a namespace or a URL path lists (for a soft purge) */
    public Uni<Set<String>> keysOfTag(String tag) {
        return store.members(tagIndex(tag));
    }

    public Uni<Set<String>> keysOfNamespace(String namespace) {
        return store.members(namespaceIndex(namespace));
    }

    public Uni<Set<String>> keysOfUrl(String path) {
        return store.members(urlIndex(path));
    }

    /** @return the keys of every entry, through the namespace indexes */
    public Uni<Set<String>> keysOfAll() {
        return store.members(namespaceRegistry()).chain(namespaceIndexes -> {
            List<Uni<Set<String>>> members = new ArrayList<>();
            for (String namespaceIndex : namespaceIndexes) {
                members.add(store.members(namespaceIndex));
            }
            return members.isEmpty() ? Uni.createFrom().item(Set.<String> of())
                    : Uni.join().all(members).andFailFast().map(sets -> {
                        Set<String> keys = new HashSet<>();
                        sets.forEach(keys::addAll);
                        return keys;
                    });
        });
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
        }).call(() -> store.evictIndex(registry)).invoke(count -> events.evicted("all", "", count));
    }

    private Uni<Long> reported(Uni<Long> eviction, String kind, String name) {
        return eviction.invoke(count -> events.evicted(kind, name, count));
    }

    private String namespaceIndex(String namespace) {
        return prefix + "#ns:" + namespace;
    }

    private String urlIndex(String path) {
        return prefix + "#url:" + path;
    }

    private String tagIndex(String tag) {
        return prefix + "#tag:" + tag;
    }

    private String namespaceRegistry() {
        return prefix + "#namespaces";
    }
}
