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
 * The notification sources of a Redis Cluster: every master, each with a canary in one of its own slots. See
 * architecture.adoc, section "Keeping the near cache coherent", for why that stays true while the cluster changes.
 */
final class ClusterMasters implements NotificationSources {

    private final ReactiveRedisDataSource redis;
    private final String canaryBase;
    private final BiFunction<String, Integer, Supplier<Redis>> clientsOfNode;

    /** @param redis the cache's own client, through which the topology is read */
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
