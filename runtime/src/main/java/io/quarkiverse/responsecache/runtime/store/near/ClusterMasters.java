package io.quarkiverse.responsecache.runtime.store.near;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import io.quarkiverse.responsecache.runtime.store.redis.ClusterTopology;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Redis;

/**
 * The notification sources of a Redis Cluster: every master, each with a canary key in one of its own slots.
 * <p>
 * Why one connection per master: a master notifies only about the keys it writes, and {@code CLIENT TRACKING}, a
 * command without a key, reaches one node only. Why that stays true while the cluster changes: every write of a key
 * executes on the master that serves its slot at that moment. While every master of the topology read here is
 * followed and its canary comes back over its own connection, every master that can write a key is followed. A
 * change of the topology shows in three ways, each of which turns the near cache off and makes it read the topology
 * again: a connection fails or closes (a master that dies or restarts); a canary's notification arrives over another
 * master's connection, or over none within the heartbeat timeout (its slot moved, or its master was demoted and no
 * longer follows the writes); and, for slots that hold no canary, the topology read again at each heartbeat differs
 * from this one (slots moved to a master that is not followed, a failover). That last check is what covers the
 * slots between the canaries: between a change and the next heartbeat (plus the time the cluster's nodes take to
 * learn of it), a write on a master that is not followed yet can go unnoticed; the near cache is emptied when the
 * change is seen.
 */
final class ClusterMasters implements NotificationSources {

    private final ReactiveRedisDataSource redis;
    private final String canaryBase;
    private final BiFunction<String, Integer, Supplier<Redis>> clientsOfNode;

    /**
     * @param redis the cache's own client, through which the topology is read ({@code CLUSTER SLOTS})
     * @param canaryBase the start of this instance's canary keys
     * @param clientsOfNode creates clients configured like the cache's, connected to one node (host, port)
     */
    ClusterMasters(ReactiveRedisDataSource redis, String canaryBase,
            BiFunction<String, Integer, Supplier<Redis>> clientsOfNode) {
        this.redis = redis;
        this.canaryBase = canaryBase;
        this.clientsOfNode = clientsOfNode;
    }

    @Override
    public Uni<Discovery> discover() {
        return topology().map(topology -> {
            List<Target> targets = new ArrayList<>();
            for (Map.Entry<ClusterTopology.Master, String> canary : topology.canaryKeys(canaryBase).entrySet()) {
                ClusterTopology.Master master = canary.getKey();
                targets.add(new Target("the master " + master.address(),
                        clientsOfNode.apply(master.host(), master.port()), canary.getValue()));
            }
            return new Discovery(List.copyOf(targets), topology);
        });
    }

    @Override
    public Uni<String> changedSince(Discovery discovery) {
        return topology().map(now -> now.equals(discovery.layout()) ? null
                : "the cluster's masters or their slots changed (were: " + discovery.layout() + "; now: " + now + ")");
    }

    private Uni<ClusterTopology> topology() {
        return ClusterTopology.read(redis);
    }
}
