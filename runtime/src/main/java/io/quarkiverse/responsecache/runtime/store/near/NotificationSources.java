package io.quarkiverse.responsecache.runtime.store.near;

import java.util.List;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Redis;

/**
 * Where the near cache's notifications come from: the nodes that execute the writes of the cache's keys, each to be
 * followed over a connection of its own, with a canary key that only that node writes.
 */
interface NotificationSources {

    /** @param label null for the single Redis, whose messages name no node */
    record Target(String label, Supplier<Redis> clients, String canaryKey) {

        String describe(String reason) {
            return label == null ? reason : label + ": " + reason;
        }
    }

    /** @param layout compared by {@link #changedSince}; null when nothing can change */
    record Discovery(List<Target> targets, Object layout) {
    }

    Uni<Discovery> discover();

    /** @return null when nothing changed; a null {@code Uni} when there is nothing to check */
    default Uni<String> changedSince(Discovery discovery) {
        return null;
    }

    /** A single server, or the master Sentinel names. */
    static NotificationSources single(Supplier<Redis> clients, String canaryKey) {
        Discovery only = new Discovery(List.of(new Target(null, clients, canaryKey)), null);
        return () -> Uni.createFrom().item(only);
    }
}
