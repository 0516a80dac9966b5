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
 * What operators do by hand: evict, or soft-purge. A bean only when something offers these actions, since entries are
 * then indexed by URL path from startup on.
 */
@Singleton
public class ResponseCachePurge {

    private static final Logger LOG = Logger.getLogger(ResponseCachePurge.class);
    private static final int CONCURRENT_REWRITES = 16;

    private final EntryIndexes indexes;
    private final GuardedStore store;
    private final ResponseCacheClock clock;
    private final PurgeTargetCheck check;
    /** Long enough for the longest stale window of any endpoint. */
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

    /** @return a {@link PurgeRefusedException} when the target is nothing this cache owns */
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

    /** An entry evicted or written anew meanwhile is left as it is. */
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
                // other instances' near caches and the layers in front drop their fresh copies before the purge answers
                .call(() -> indexes.markedStale(target.parameter(), value))
                .invoke(count -> LOG.infof("Response cache purge: %d entries marked stale by %s %s, asked by %s",
                        count, target.parameter(), value, requester));
    }

    private Uni<Void> refused(PurgeTarget target, String value, String requester) {
        String reason = check.refusal(target, value);
        if (reason == null) {
            return null;
        }
        LOG.infof("Response cache purge refused (%s), asked by %s", reason, requester);
        return Uni.createFrom().failure(new PurgeRefusedException(reason));
    }

    /** Only if the key still holds what was read: a soft purge never brings back a response a write evicted. */
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
