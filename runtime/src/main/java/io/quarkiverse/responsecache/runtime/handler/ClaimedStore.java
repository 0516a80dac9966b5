package io.quarkiverse.responsecache.runtime.handler;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

import io.quarkiverse.responsecache.runtime.coordination.Computation;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.spi.EntryMarks;
import io.smallrye.mutiny.Uni;

/**
 * Writes a miss's response under the claim its request took before the endpoint ran (see
 * {@code ResponseStore#claim}): as claimed, under a key the response's own {@code Vary} taught, or with the entity tags
 * its computation learned.
 */
final class ClaimedStore {

    private ClaimedStore() {
    }

    /**
     * Hands the response to the requests waiting for it and writes the entry under this request's claim, indexed by
     * its namespace and tags, without delaying this response. (While the store refuses writes, its writes' breaker
     * open, no claim was taken, so nothing gets here: the waiting requests compute for themselves.)
     */
    static void store(ResteasyReactiveRequestContext request, CacheExchange exchange, CachedResponse response) {
        exchange.storing = true;
        CacheServices services = exchange.services;
        EndpointPolicy policy = exchange.policy;
        List<String> entityTags = exchange.reads == null ? List.of() : exchange.reads.tags();
        Uni<Boolean> write;
        if (!exchange.key.equals(exchange.claimedKey)) {
            write = storeUnderLearnedKey(request, exchange, response, entityTags);
        } else if (entityTags.isEmpty()) {
            write = services.store.putIfClaimed(exchange.key, exchange.claim, response, retention(exchange),
                    exchange.memberships);
        } else {
            write = storeWithEntityTags(exchange, response, entityTags);
        }
        if (services.events.observed()) {
            String endpoint = policy.endpoint().name();
            int bytes = response.bodyLength();
            String path = request.getPath();
            write = write.invoke(stored -> {
                if (stored) {
                    services.events.stored(endpoint, bytes);
                    if (!entityTags.isEmpty()) {
                        services.events.taggedByEntities(endpoint, path, entityTags);
                    }
                }
            });
        }
        Computation computation = exchange.computation;
        if (computation == null) {
            // a no-cache request: nobody waits for it
            write.subscribe().with(ignored -> {
            }, ignored -> {
            });
        } else {
            services.coordinator.completed(computation, response, write);
        }
    }

    /**
     * @return how long the entry stays in the store: its retention, less the time the computation took beyond
     *         {@link EntryMarks#MEMBERSHIP_GRACE}, so the entry never outlives the index memberships its claim wrote
     */
    static Duration retention(CacheExchange exchange) {
        Duration retention = exchange.policy.retention();
        long overrun = System.nanoTime() - exchange.claimedAtNanos - EntryMarks.MEMBERSHIP_GRACE.toNanos();
        return overrun > 0 ? retention.minusNanos(overrun) : retention;
    }

    /**
     * The entity tags were learned while the endpoint ran, after the claim: they join their indexes under the claim
     * first, then the entry is stored only if no eviction of theirs began since the computation did (see
     * {@code EntityEvictions}); otherwise the claim is released and the next request computes again.
     */
    private static Uni<Boolean> storeWithEntityTags(CacheExchange exchange, CachedResponse response,
            List<String> entityTags) {
        CacheServices services = exchange.services;
        String key = exchange.key;
        Duration retention = retention(exchange);
        Map<String, String> tagged = services.indexes.tagMemberships(key, entityTags);
        Map<String, String> memberships = new HashMap<>(exchange.memberships);
        memberships.putAll(tagged);
        // claiming again a key that holds this request's placeholder only adds the memberships, in one round trip
        return services.store.claim(key, retention, tagged)
                .chain(() -> services.entityEvictions.untouchedSince(exchange.reads.generation(), entityTags))
                .chain(untouched -> untouched
                        ? services.store.putIfClaimed(key, exchange.claim, response, retention, memberships)
                        : services.store.release(key, exchange.claim).replaceWith(false));
    }

    /**
     * The response taught the endpoint a header its own {@code Vary} names, so its key changed after the claim. The new
     * key is claimed first (from then on an eviction reaches it), then the old claim is checked (an eviction since the
     * computation began changed it), and only then the entry is stored under the new key's claim. One round trip more,
     * once per header learned.
     */
    private static Uni<Boolean> storeUnderLearnedKey(ResteasyReactiveRequestContext request, CacheExchange exchange,
            CachedResponse response, List<String> entityTags) {
        CacheServices services = exchange.services;
        EndpointPolicy policy = exchange.policy;
        String key = exchange.key;
        Map<String, String> memberships = services.indexes.memberships(key, policy.endpoint().namespace(),
                policy.renderTags(request), request.getPath(), policy.endpoint().name());
        // bounded by max-rows, not by max-tags: dropping one would leave the entry to a write that cannot find it
        memberships.putAll(services.indexes.tagMemberships(key, entityTags));
        Duration retention = retention(exchange);
        Uni<Boolean> untouched = entityTags.isEmpty() ? Uni.createFrom().item(true)
                : services.entityEvictions.untouchedSince(exchange.reads.generation(), entityTags);
        return services.store.claim(key, retention, memberships)
                .chain(claim -> services.store.claim(exchange.claimedKey, retention, exchange.memberships)
                        .chain(old -> old.equals(exchange.claim) ? untouched : Uni.createFrom().item(false))
                        .chain(storable -> storable
                                ? services.store.putIfClaimed(key, claim, response, retention, memberships)
                                : Uni.createFrom().item(false)))
                .call(() -> services.store.release(exchange.claimedKey, exchange.claim));
    }
}
