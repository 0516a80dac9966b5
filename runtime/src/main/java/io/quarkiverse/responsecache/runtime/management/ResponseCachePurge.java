package io.quarkiverse.responsecache.runtime.management;

import java.time.Duration;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoints;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.invalidation.EntryIndexes;
import io.quarkiverse.responsecache.runtime.store.GuardedStore;
import io.quarkiverse.responsecache.spi.ResponseCacheClock;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * What operators do to the cache by hand, from the management endpoints or the Dev UI: evict by key, tag, namespace,
 * URL path or everything, or soft-purge, which marks entries stale instead of removing them, so that endpoints with a
 * stale-while-revalidate window keep answering from them while one request refreshes each.
 * <p>
 * A bean only when something offers these actions: it then has entries indexed by URL path from startup on.
 */
@Singleton
public class ResponseCachePurge {

    private static final Logger LOG = Logger.getLogger(ResponseCachePurge.class);
    /** How many entries a soft purge rewrites at once. */
    private static final int CONCURRENT_REWRITES = 16;

    private final EntryIndexes indexes;
    private final GuardedStore store;
    private final ResponseCacheClock clock;
    private final PurgeTargetCheck check;
    /** How long a soft-purged entry stays: long enough for the longest stale window of any endpoint. */
    private final Duration staleRetention;

    @Inject
    public ResponseCachePurge(EntryIndexes indexes, GuardedStore store, ResponseCacheClock clock,
            CachedEndpoints endpoints, PurgeTargetCheck check) {
        this.indexes = indexes;
        this.check = check;
        this.store = store;
        this.clock = clock;
        Duration longest = Duration.ofSeconds(1);
        for (EndpointPolicy policy : endpoints.all()) {
            longest = max(longest, max(policy.staleWhileRevalidate(), policy.staleIfError()));
        }
        this.staleRetention = longest;
    }

    void onStart(@Observes StartupEvent start) {
        indexes.indexUrls();
    }

    /**
     * @param requester who asked (an address and a principal), for the log line
     * @return how many entries went; a {@link PurgeRefusedException} when the target is nothing this cache owns
     */
    public Uni<Long> evict(PurgeTarget target, String value, String requester) {
        Uni<Void> refused = refused(target, value, requester);
        if (refused != null) {
            return refused.replaceWith(0L);
        }
        Uni<Long> evicted = switch (target) {
            case KEY -> indexes.evictKey(value);
            case TAG -> indexes.evictTag(value);
            case NAMESPACE -> indexes.evictNamespace(value);
            case URL -> indexes.evictUrl(value);
            case ALL -> indexes.evictAll();
        };
        return evicted.invoke(count -> LOG.infof("Response cache purge: %d entries evicted by %s %s, asked by %s",
                count, target.parameter(), value, requester));
    }

    /**
     * Marks the fresh entries of the target stale: each stays servable within its endpoint's stale windows, counted
     * from now (at most as long as the entry had left), while the next request refreshes it. An entry evicted or
     * written anew meanwhile is left as it is.
     *
     * @param requester who asked, for the log line
     * @return how many entries were marked stale; a {@link PurgeRefusedException} when the target is nothing this
     *         cache owns
     */
    public Uni<Long> markStale(PurgeTarget target, String value, String requester) {
        Uni<Void> refused = refused(target, value, requester);
        if (refused != null) {
            return refused.replaceWith(0L);
        }
        Uni<Set<String>> keys = switch (target) {
            case KEY -> Uni.createFrom().item(Set.of(value));
            case TAG -> indexes.keys().ofTag(value);
            case NAMESPACE -> indexes.keys().ofNamespace(value);
            case URL -> indexes.keys().ofUrl(value);
            case ALL -> indexes.keys().ofAll();
        };
        return keys.onItem().transformToMulti(found -> Multi.createFrom().iterable(found))
                .onItem().transformToUni(this::markStale).merge(CONCURRENT_REWRITES)
                .collect().with(java.util.stream.Collectors.summingLong(marked -> marked ? 1L : 0L))
                // the near caches of other instances, and the layers in front, drop their fresh copies before the
                // purge answers
                .call(() -> indexes.markedStale(target.parameter(), value))
                .invoke(count -> LOG.infof("Response cache purge: %d entries marked stale by %s %s, asked by %s",
                        count, target.parameter(), value, requester));
    }

    /** @return a failed purge when the target is nothing this cache owns (logged with who asked), else null */
    private Uni<Void> refused(PurgeTarget target, String value, String requester) {
        String reason = check.refusal(target, value);
        if (reason == null) {
            return null;
        }
        LOG.infof("Response cache purge refused (%s), asked by %s", reason, requester);
        return Uni.createFrom().failure(new PurgeRefusedException(reason));
    }

    /**
     * Rewrites one entry as stale, only if the key still holds what was read: an eviction (a write) or a new entry
     * that landed in between wins, so a soft purge never brings back a response a write evicted. The stale copy keeps
     * the entry's index memberships and lives no longer than the entry would have.
     */
    private Uni<Boolean> markStale(String key) {
        return store.lookup(key).chain(read -> {
            CachedResponse entry = read.response();
            long now = clock.currentTimeMillis();
            if (entry == null || !entry.isFresh(now)) {
                return Uni.createFrom().item(false);
            }
            return store.replaceIfUnchanged(key, read, entry.expiringAt(now), staleRetention);
        });
    }

    private static Duration max(Duration one, Duration other) {
        return one.compareTo(other) >= 0 ? one : other;
    }
}
