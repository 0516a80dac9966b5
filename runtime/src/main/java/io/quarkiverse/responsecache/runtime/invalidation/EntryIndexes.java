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
 * The indexes that find entries for eviction (per tag, per URL, a few shards per namespace) and the namespace registry.
 * See architecture.adoc, section "Indexes and evictions".
 */
@Singleton
public class EntryIndexes {

    private static final Logger LOG = Logger.getLogger(EntryIndexes.class);
    public static final int DEFAULT_MAX_TAGS = 32;
    public static final int NAMESPACE_SHARDS = 8;

    private final GuardedStore store;
    private final String prefix;
    private final NamespaceRegistry registry;
    private final IndexedKeys keys;
    /** Injected, so that tests that build this class need not know of it. */
    @Inject
    ResponseCacheEvents events = ResponseCacheEvents.none();
    @Inject
    EvictionBarrier barrier = EvictionBarrier.none();
    @Inject
    EdgePurge edge = EdgePurge.none();
    /** One more write per entry: only when something evicts by URL. */
    private boolean indexesUrls;
    private final int maxTags;
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

    public void indexUrls() {
        this.indexesUrls = true;
    }

    public boolean indexesUrls() {
        return indexesUrls;
    }

    /** No tag's index when there are more than {@code max-tags}: one index write per tag would make every miss costly. */
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

    public Map<String, String> memberships(String key, String namespace, List<String> tags) {
        Map<String, String> memberships = new HashMap<>(3 + tags.size());
        memberships.put(namespaceShard(namespace, Math.floorMod(key.hashCode(), NAMESPACE_SHARDS)), key);
        memberships.putAll(tagMemberships(key, tags));
        return memberships;
    }

    /** For entity tags, learned after the claim. */
    public Map<String, String> tagMemberships(String key, Collection<String> tags) {
        Map<String, String> memberships = new HashMap<>(tags.size());
        for (String tag : tags) {
            memberships.put(tagIndex(tag), key);
        }
        return memberships;
    }

    public Uni<Void> register(String namespace, Duration timeToLive) {
        return registry.register(namespace, timeToLive);
    }

    public Uni<Long> evictKey(String key) {
        return reported(store.delete(key), "key", key);
    }

    public Uni<Long> evictTag(String tag) {
        return reported(store.evictIndex(tagIndex(tag)), "tag", tag);
    }

    /** As many evictions, one purge of the layers in front. */
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

    public Uni<Long> evictUrl(String path) {
        return reported(store.evictIndex(urlIndex(path)), "url", path);
    }

    public IndexedKeys keys() {
        return keys;
    }

    /** Also the namespaces this instance registered; the registry stays (see architecture.adoc, "Indexes and evictions"). */
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

    /** After a soft purge: completes once no near cache holds a fresh copy and the layers in front were soft-purged. */
    public Uni<Void> markedStale(String kind, String name) {
        return barrier.pass().call(() -> edge.purge(kind, List.of(name), true));
    }

    /** For an eviction refused while the store is skipped: the layers in front keep its entries all the same. */
    public Uni<Void> purgeEdge(String kind, Collection<String> names) {
        return edge.purge(kind, names, false);
    }

    private Uni<Long> reported(Uni<Long> eviction, String kind, String name) {
        return purgingEdge(eviction.call(barrier::pass).invoke(count -> events.evicted(kind, name, count)), kind,
                List.of(name));
    }

    /** Purged after the store's eviction, failed or not: purged before, they could fetch again what is about to go. */
    private Uni<Long> purgingEdge(Uni<Long> eviction, String kind, Collection<String> names) {
        return eviction.onItemOrFailure().call((count, failure) -> edge.purge(kind, names, false));
    }

    private static Uni<Long> sum(List<Uni<Long>> evictions) {
        return evictions.isEmpty() ? Uni.createFrom().item(0L)
                : Uni.join().all(evictions).andFailFast()
                        .map(counts -> counts.stream().mapToLong(Long::longValue).sum());
    }

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
