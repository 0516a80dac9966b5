package io.quarkiverse.responsecache.runtime.coordination;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.invalidation.EntryIndexes;
import io.quarkiverse.responsecache.runtime.observe.ResponseCacheEvents;
import io.quarkiverse.responsecache.runtime.orm.EntityEvictions;
import io.quarkiverse.responsecache.runtime.orm.EntityReads;
import io.quarkiverse.responsecache.runtime.store.GuardedStore;
import io.quarkiverse.responsecache.spi.EntryMarks;
import io.smallrye.mutiny.Uni;

/**
 * The claim protocol: taken by {@link CacheDecisions}, stored under when {@link StoreDecisions} says so. See
 * architecture.adoc, section "Claims: read-your-writes in the store".
 */
@Singleton
public class KeyClaims {

    private static final Uni<Long> NO_GENERATION = Uni.createFrom().item(0L);

    private final GuardedStore store;
    private final EntryIndexes indexes;
    /** Null without Hibernate ORM or with tracking off. */
    private final EntityEvictions entityEvictions;
    private final int maxTrackedRows;
    private final MissCoordinator coordinator;
    private final ResponseCacheEvents events;

    @Inject
    public KeyClaims(GuardedStore store, EntryIndexes indexes, Instance<EntityEvictions> entityEvictions,
            ResponseCacheConfig config, MissCoordinator coordinator, ResponseCacheEvents events) {
        this(store, indexes, entityEvictions.isResolvable() ? entityEvictions.get() : null,
                config.hibernateOrm().maxRows(), coordinator, events);
    }

    KeyClaims(GuardedStore store, EntryIndexes indexes, EntityEvictions entityEvictions, int maxTrackedRows,
            MissCoordinator coordinator, ResponseCacheEvents events) {
        this.store = store;
        this.indexes = indexes;
        this.entityEvictions = entityEvictions;
        this.maxTrackedRows = maxTrackedRows;
        this.coordinator = coordinator;
        this.events = events;
    }

    /** @return a null item when the writes' breaker is open or the claim failed: nothing is stored then */
    Uni<KeyClaim> take(KeyedRequest request) {
        if (!store.acceptsWrites()) {
            return Uni.createFrom().nullItem();
        }
        EndpointPolicy policy = request.policy();
        String namespace = policy.endpoint().namespace();
        List<String> tags = request.tags();
        String path = request.path();
        Map<String, String> memberships = indexes.memberships(request.key(), namespace, tags, path,
                policy.endpoint().name());
        boolean tracked = entityEvictions != null && policy.endpoint().trackEntities();
        EntityReads reads = tracked ? new EntityReads(maxTrackedRows) : null;
        return Uni.combine().all()
                .unis(store.claim(request.key(), policy.retention(), memberships),
                        indexes.register(namespace, policy.retention()),
                        tracked ? entityEvictions.generation() : NO_GENERATION)
                .asTuple()
                .map(claimed -> {
                    if (reads != null) {
                        reads.generation(claimed.getItem3());
                    }
                    return new KeyClaim(request.key(), claimed.getItem1(), policy, memberships, reads, tags, path);
                })
                .onFailure().recoverWithNull();
    }

    public void release(KeyClaim claim) {
        if (!claim.storing) {
            store.release(claim.key, claim.token).subscribe().with(released -> {
            }, failure -> {
            });
        }
    }

    /** Less the computation's overrun beyond the grace, so the entry never outlives the memberships its claim wrote. */
    public Duration retention(KeyClaim claim) {
        Duration retention = claim.policy.retention();
        long overrun = System.nanoTime() - claim.claimedAtNanos - EntryMarks.MEMBERSHIP_GRACE.toNanos();
        return overrun > 0 ? retention.minusNanos(overrun) : retention;
    }

    private Duration retention(KeyClaim claim, CachedResponse response) {
        Duration claimed = retention(claim);
        Duration own = claim.policy.retention(Duration.ofMillis(response.lifetimeMillis()));
        return own.compareTo(claimed) < 0 ? own : claimed;
    }

    /** @param computation null for a request that skipped the lookup */
    public void store(Computation computation, KeyClaim claim, String key, CachedResponse response) {
        List<String> entityTags = claim.reads == null ? List.of() : claim.reads.tags();
        Uni<Boolean> write = write(claim, key, response, entityTags);
        if (events.observed()) {
            String endpoint = claim.policy.endpoint().name();
            int bytes = response.bodyLength();
            write = write.invoke(stored -> {
                if (stored) {
                    events.stored(endpoint, bytes);
                    if (!entityTags.isEmpty()) {
                        events.taggedByEntities(endpoint, claim.path, entityTags);
                    }
                }
            });
        }
        if (computation == null) {
            write.subscribe().with(ignored -> {
            }, ignored -> {
            });
        } else {
            coordinator.completed(computation, response, write);
        }
    }

    /** @param key differs from the claimed one once the response's own {@code Vary} taught a header */
    private Uni<Boolean> write(KeyClaim claim, String key, CachedResponse response, List<String> entityTags) {
        claim.storing = true;
        if (!key.equals(claim.key)) {
            return storeUnderLearnedKey(claim, key, response, entityTags);
        }
        if (entityTags.isEmpty()) {
            return store.putIfClaimed(key, claim.token, response, retention(claim, response), claim.memberships);
        }
        return storeWithEntityTags(claim, response, entityTags);
    }

    /** Entity tags learned after the claim join their indexes before the entry is stored. */
    private Uni<Boolean> storeWithEntityTags(KeyClaim claim, CachedResponse response, List<String> entityTags) {
        Duration retention = retention(claim);
        Map<String, String> tagged = indexes.tagMemberships(claim.key, entityTags);
        Map<String, String> memberships = new HashMap<>(claim.memberships);
        memberships.putAll(tagged);
        // claiming again a key that holds this request's placeholder only adds the memberships, in one round trip
        return store.claim(claim.key, retention, tagged)
                .chain(() -> entityEvictions.untouchedSince(claim.reads.generation(), entityTags))
                .chain(untouched -> untouched
                        ? store.putIfClaimed(claim.key, claim.token, response, retention(claim, response), memberships)
                        : store.release(claim.key, claim.token).replaceWith(false));
    }

    /** The key changed after the claim: claim the new key, check the old claim, then store. */
    private Uni<Boolean> storeUnderLearnedKey(KeyClaim claim, String key, CachedResponse response,
            List<String> entityTags) {
        EndpointPolicy policy = claim.policy;
        Map<String, String> memberships = indexes.memberships(key, policy.endpoint().namespace(), claim.tags,
                claim.path, policy.endpoint().name());
        // bounded by max-rows, not by max-tags: dropping one would leave the entry to a write that cannot find it
        memberships.putAll(indexes.tagMemberships(key, entityTags));
        Duration retention = retention(claim);
        Uni<Boolean> untouched = entityTags.isEmpty() ? Uni.createFrom().item(true)
                : entityEvictions.untouchedSince(claim.reads.generation(), entityTags);
        return store.claim(key, retention, memberships)
                .chain(newClaim -> store.claim(claim.key, retention, claim.memberships)
                        .chain(old -> old.equals(claim.token) ? untouched : Uni.createFrom().item(false))
                        .chain(storable -> storable
                                ? store.putIfClaimed(key, newClaim, response, retention(claim, response), memberships)
                                : Uni.createFrom().item(false)))
                .call(() -> store.release(claim.key, claim.token));
    }
}
