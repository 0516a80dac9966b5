package io.quarkiverse.responsecache.runtime.invalidation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheBuildTimeConfig;
import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.edge.EdgePurge;
import io.quarkiverse.responsecache.runtime.observe.ResponseCacheEvents;
import io.quarkiverse.responsecache.runtime.store.EvictionBarrier;
import io.quarkiverse.responsecache.runtime.store.GuardedStore;
import io.quarkiverse.responsecache.spi.ResponseCacheClock;
import io.smallrye.mutiny.Uni;

/**
 * The indexes that find entries for eviction: one per tag, and per namespace a few shards (so that no single key is
 * written by every store of a namespace, a hot key on Redis Cluster), each listing entry keys; and a registry listing
 * the namespaces, so everything can be evicted without {@code KEYS}. Index names start with {@code <prefix>#}, entries
 * with {@code <prefix>:}, so they never collide. The registry is {@link NamespaceRegistry}.
 */
@Singleton
public class EntryIndexes {

    private static final Logger LOG = Logger.getLogger(EntryIndexes.class);
    /** The default of {@code quarkus.response-cache.max-tags}. */
    public static final int DEFAULT_MAX_TAGS = 32;
    /** Shards of a namespace's index: its entries are spread over them by key. */
    public static final int NAMESPACE_SHARDS = 8;

    private final GuardedStore store;
    private final String prefix;
    private final NamespaceRegistry registry;
    private final IndexedKeys keys;
    /** Injected, so that tests that build this class need not know of it. */
    @Inject
    ResponseCacheEvents events = ResponseCacheEvents.none();
    /** What an eviction waits for after its writes: the other instances' near caches (read-your-writes). */
    @Inject
    EvictionBarrier barrier = EvictionBarrier.none();
    /** The HTTP caches in front, purged of what each eviction removed: every eviction passes through here. */
    @Inject
    EdgePurge edge = EdgePurge.none();
    /** Whether entries join an index of their URL path: only when something evicts by URL (one more write each). */
    private boolean indexesUrls;
    /** The most tags an entry is indexed by ({@code quarkus.response-cache.max-tags}). */
    private final int maxTags;
    /** The endpoints whose entries rendered too many tags, told once each. */
    private final Set<String> warnedOfTags = ConcurrentHashMap.newKeySet();

    public EntryIndexes(GuardedStore store, ResponseCacheConfig config, ResponseCacheClock clock) {
        this(store, config, clock, DEFAULT_MAX_TAGS);
    }

    @Inject
    public EntryIndexes(GuardedStore store, ResponseCacheConfig config, ResponseCacheClock clock,
            ResponseCacheBuildTimeConfig buildTimeConfig) {
        this(store, config, clock, buildTimeConfig.maxTags());
    }

    public EntryIndexes(GuardedStore store, ResponseCacheConfig config, ResponseCacheClock clock, int maxTags) {
        this.store = store;
        this.prefix = config.prefix();
        this.registry = new NamespaceRegistry(store, clock, namespaceRegistry());
        this.keys = new IndexedKeys(store, this, registry);
        this.maxTags = maxTags;
    }

    /** Entries stored from now on also join the index of their URL path (see {@link #evictUrl}). */
    public void indexUrls() {
        this.indexesUrls = true;
    }

    /** @return whether entries join the index of their URL path, i.e. something can evict by URL */
    public boolean indexesUrls() {
        return indexesUrls;
    }

    /**
     * @param path the request's path, indexed when URLs are (see {@link #indexUrls()})
     * @param endpoint the endpoint's name, for the warning when it renders more than the allowed number of tags
     * @return the indexes an entry joins: one shard of its namespace's index, its tags' and its path's; no tag's when
     *         there are more than {@code max-tags} of them (one index write per tag would make every miss costly)
     */
    public Map<String, String> memberships(String key, String namespace, List<String> tags, String path,
            String endpoint) {
        List<String> indexed = tags;
        if (tags.size() > maxTags && new HashSet<>(tags).size() > maxTags) {
            indexed = List.of();
            if (warnedOfTags.add(endpoint)) {
                LOG.warnf("Response cache: an entry of %s has %d tags, more than quarkus.response-cache.max-tags (%d):"
                        + " its entries are stored under their namespace only, and an eviction by one of those tags"
                        + " does not find them. Evict them by namespace, URL or key, or use fewer tags", endpoint,
                        new HashSet<>(tags).size(), maxTags);
            }
        }
        Map<String, String> memberships = memberships(key, namespace, indexed);
        if (indexesUrls) {
            memberships.put(urlIndex(path), key);
        }
        return memberships;
    }

    /** @return the indexes an entry joins: one shard of its namespace's index, and each of its tags' */
    public Map<String, String> memberships(String key, String namespace, List<String> tags) {
        Map<String, String> memberships = new HashMap<>(3 + tags.size());
        memberships.put(namespaceShard(namespace, Math.floorMod(key.hashCode(), NAMESPACE_SHARDS)), key);
        memberships.putAll(tagMemberships(key, tags));
        return memberships;
    }

    /** @return the memberships of an entry in its tags' indexes alone (entity tags, learned after the claim) */
    public Map<String, String> tagMemberships(String key, Collection<String> tags) {
        Map<String, String> memberships = new HashMap<>(tags.size());
        for (String tag : tags) {
            memberships.put(tagIndex(tag), key);
        }
        return memberships;
    }

    /** Makes sure {@code namespace} stays in the registry as long as an entry claimed now can live. */
    public Uni<Void> register(String namespace, Duration timeToLive) {
        return registry.register(namespace, timeToLive);
    }

    public Uni<Long> evictKey(String key) {
        return reported(store.delete(key), "key", key);
    }

    public Uni<Long> evictTag(String tag) {
        return reported(store.evictIndex(tagIndex(tag)), "tag", tag);
    }

    /** Evicts several tags at once (a write's entity tags): as many evictions, one purge of the layers in front. */
    public Uni<Long> evictTags(Collection<String> tags) {
        List<Uni<Long>> evictions = new ArrayList<>(tags.size());
        for (String tag : tags) {
            evictions.add(store.evictIndex(tagIndex(tag)).call(barrier::pass)
                    .invoke(count -> events.evicted("tag", tag, count)));
        }
        Uni<Long> evicted = evictions.isEmpty() ? Uni.createFrom().item(0L)
                : Uni.join().all(evictions).andCollectFailures()
                        .map(counts -> counts.stream().mapToLong(Long::longValue).sum());
        return purgingEdge(evicted, "tag", tags);
    }

    public Uni<Long> evictNamespace(String namespace) {
        return reported(evictShards(namespace), "namespace", namespace);
    }

    private Uni<Long> evictShards(String namespace) {
        List<Uni<Long>> evictions = new ArrayList<>(NAMESPACE_SHARDS);
        for (int shard = 0; shard < NAMESPACE_SHARDS; shard++) {
            evictions.add(store.evictIndex(namespaceShard(namespace, shard)));
        }
        return sum(evictions);
    }

    /** Evicts every entry of a URL path, whatever its query, headers or media type; see {@link #indexUrls()}. */
    public Uni<Long> evictUrl(String path) {
        return reported(store.evictIndex(urlIndex(path)), "url", path);
    }

    /** @return the keys of the entries a tag, a namespace, a URL path or everything lists (for a soft purge) */
    public IndexedKeys keys() {
        return keys;
    }

    /**
     * Evicts every namespace in the registry, and those this instance registered (should the registry have been lost:
     * evicted by Redis, or garbage there). The registry stays: instances write it only now and then. This instance
     * writes its namespaces again with its next entries, which also replaces a registry that is garbage.
     */
    public Uni<Long> evictAll() {
        return purgingEdge(registry.namespaces().chain(namespaces -> {
            registry.forget();
            List<Uni<Long>> evictions = new ArrayList<>();
            for (String namespace : namespaces) {
                evictions.add(evictShards(namespace));
            }
            return sum(evictions);
        }).call(barrier::pass).invoke(count -> events.evicted("all", "", count)), "all", List.of(""));
    }

    /**
     * After a soft purge marked entries stale: completes once no instance answers from memory a fresh copy of them,
     * and the layers in front were soft-purged of them too.
     *
     * @param kind what the purge named ({@code key}, {@code tag}, {@code namespace}, {@code url} or {@code all})
     */
    public Uni<Void> markedStale(String kind, String name) {
        return barrier.pass().call(() -> edge.purge(kind, List.of(name), true));
    }

    /**
     * Purges the layers in front of what an eviction named without evicting anything from the store: for an eviction
     * refused while the store is being skipped, whose entries the layers in front keep all the same.
     */
    public Uni<Void> purgeEdge(String kind, Collection<String> names) {
        return edge.purge(kind, names, false);
    }

    private Uni<Long> reported(Uni<Long> eviction, String kind, String name) {
        return purgingEdge(eviction.call(barrier::pass).invoke(count -> events.evicted(kind, name, count)), kind,
                List.of(name));
    }

    /**
     * The layers in front are purged once the store's eviction ended, failed or not: their copies are as old either
     * way, and purged before, they could fetch again what the store was about to evict.
     */
    private Uni<Long> purgingEdge(Uni<Long> eviction, String kind, Collection<String> names) {
        return eviction.onItemOrFailure().call((count, failure) -> edge.purge(kind, names, false));
    }

    private static Uni<Long> sum(List<Uni<Long>> evictions) {
        return evictions.isEmpty() ? Uni.createFrom().item(0L)
                : Uni.join().all(evictions).andFailFast()
                        .map(counts -> counts.stream().mapToLong(Long::longValue).sum());
    }

    /** @return the index of one shard of a namespace, e.g. {@code response-cache#ns3:products} */
    public String namespaceShard(String namespace, int shard) {
        return prefix + "#ns" + shard + ":" + namespace;
    }

    String urlIndex(String path) {
        return prefix + "#url:" + path;
    }

    public String tagIndex(String tag) {
        return prefix + "#tag:" + tag;
    }

    public String namespaceRegistry() {
        return prefix + "#namespaces";
    }
}
