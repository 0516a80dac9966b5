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

    /**
     * One node to follow.
     *
     * @param label how the node is named in logs, or null for the single Redis (whose messages name no node)
     * @param clients creates a client configured like the cache's, connected to this node only
     * @param canaryKey a key under the tracked prefix whose writes execute on this node
     */
    record Target(String label, Supplier<Redis> clients, String canaryKey) {

        /** @return {@code reason}, preceded by the node's name when there are several */
        String describe(String reason) {
            return label == null ? reason : label + ": " + reason;
        }
    }

    /**
     * The nodes to follow, as found at one moment.
     *
     * @param layout what they were derived from (the cluster's slots), compared by {@link #changedSince}; null when
     *        nothing can change
     */
    record Discovery(List<Target> targets, Object layout) {
    }

    /** @return the nodes to follow now */
    Uni<Discovery> discover();

    /**
     * @return null when the nodes found by {@code discovery} are still the ones to follow, otherwise what changed;
     *         a null {@code Uni} when there is nothing to check
     */
    default Uni<String> changedSince(Discovery discovery) {
        return null;
    }

    /** @return the one Redis (a single server, or the master Sentinel names), through clients like the cache's */
    static NotificationSources single(Supplier<Redis> clients, String canaryKey) {
        Discovery only = new Discovery(List.of(new Target(null, clients, canaryKey)), null);
        return () -> Uni.createFrom().item(only);
    }
}
