package io.quarkiverse.responsecache.runtime.store.redis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.client.config.RedisClientConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;

/**
 * Connections of the store's own to each master of a Redis Cluster, so large evictions go out as one pipelined batch
 * per master. See architecture.adoc, section "Evicting an index on Redis".
 */
public final class ClusterPipelines {

    /** Below this, key by key through the cluster's client is as quick and needs no connections of its own. */
    public static final int MIN_KEYS = 64;

    private final Supplier<Uni<ClusterTopology>> topology;
    private final BiFunction<String, Integer, Supplier<io.vertx.redis.client.Redis>> clientsOfNode;
    private final Map<String, Redis> clients = new ConcurrentHashMap<>();

    /** @param clientsOfNode creates clients configured like the cache's, connected to one node (host, port) */
    public ClusterPipelines(Supplier<Uni<ClusterTopology>> topology,
            BiFunction<String, Integer, Supplier<io.vertx.redis.client.Redis>> clientsOfNode) {
        this.topology = topology;
        this.clientsOfNode = clientsOfNode;
    }

    public static ClusterPipelines of(ReactiveRedisDataSource cluster, String clientName,
            RedisClientConfig configuration, Vertx vertx) {
        return new ClusterPipelines(() -> ClusterTopology.read(cluster),
                (host, port) -> RedisClients.nodeFactory(clientName, configuration, vertx, host, port));
    }

    /** @param master null for keys of a slot no master serves (the cluster is being changed) */
    record Share(Redis master, List<String> keys) {
    }

    Uni<List<Share>> split(List<String> keys) {
        return topology.get().map(now -> {
            Map<ClusterTopology.Master, List<String>> byMaster = new LinkedHashMap<>();
            List<String> unserved = new ArrayList<>();
            for (String key : keys) {
                ClusterTopology.Master owner = now.ownerOf(HashSlot.of(key));
                if (owner == null) {
                    unserved.add(key);
                } else {
                    byMaster.computeIfAbsent(owner, master -> new ArrayList<>()).add(key);
                }
            }
            closeAllBut(now);
            List<Share> shares = new ArrayList<>(byMaster.size() + 1);
            byMaster.forEach((master, share) -> shares.add(new Share(client(master), share)));
            if (!unserved.isEmpty()) {
                shares.add(new Share(null, unserved));
            }
            return shares;
        });
    }

    private Redis client(ClusterTopology.Master master) {
        return clients.computeIfAbsent(master.address(),
                address -> Redis.newInstance(clientsOfNode.apply(master.host(), master.port()).get()));
    }

    /** Nothing grows as masters come and go. */
    private void closeAllBut(ClusterTopology now) {
        if (clients.size() <= now.masters().size()) {
            return;
        }
        Set<String> current = new HashSet<>();
        for (ClusterTopology.Master master : now.masters()) {
            current.add(master.address());
        }
        clients.entrySet().removeIf(client -> {
            boolean gone = !current.contains(client.getKey());
            if (gone) {
                client.getValue().close();
            }
            return gone;
        });
    }

    public void close() {
        clients.values().forEach(Redis::close);
        clients.clear();
    }
}
