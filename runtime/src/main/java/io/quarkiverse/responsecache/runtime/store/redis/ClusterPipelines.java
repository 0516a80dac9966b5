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
 * Connections of the store's own to each master of a Redis Cluster, for large evictions. The cluster's client sends
 * a batch only when all its keys share one hash slot, so through it an eviction goes key by key: a round trip and a
 * pooled connection per key, and a 100,000-entry tag took 18 s against the 5 s budget. Split by the master that
 * serves each key's slot, a scan batch's tombstones go out as one pipelined batch per master, as on a single Redis.
 * <p>
 * The topology is read ({@code CLUSTER SLOTS}) for each scan batch, so a resharding is followed from the next batch
 * on. A key whose slot moved in between is refused by the master it was sent to ({@code MOVED}, {@code ASK}): that
 * fails the master's batch, and the store then evicts its keys one by one through the cluster's client, which follows
 * redirections. The connections are created like the near cache's, from the cache client's configuration, on the
 * first large eviction; those of a master that left the topology are closed.
 */
public final class ClusterPipelines {

    /**
     * Below this many keys, key by key through the cluster's client is as quick (16 in flight) and needs neither the
     * topology nor connections of the store's own.
     */
    public static final int MIN_KEYS = 64;

    private final Supplier<Uni<ClusterTopology>> topology;
    private final BiFunction<String, Integer, Supplier<io.vertx.redis.client.Redis>> clientsOfNode;
    /** The client of each master, by address. */
    private final Map<String, Redis> clients = new ConcurrentHashMap<>();

    /**
     * @param topology reads the cluster's topology
     * @param clientsOfNode creates clients configured like the cache's, connected to one node (host, port)
     */
    public ClusterPipelines(Supplier<Uni<ClusterTopology>> topology,
            BiFunction<String, Integer, Supplier<io.vertx.redis.client.Redis>> clientsOfNode) {
        this.topology = topology;
        this.clientsOfNode = clientsOfNode;
    }

    /** @return pipelines to the masters of the cluster the named Redis client (of type cluster) connects to */
    public static ClusterPipelines of(ReactiveRedisDataSource cluster, String clientName,
            RedisClientConfig configuration, Vertx vertx) {
        return new ClusterPipelines(() -> ClusterTopology.read(cluster),
                (host, port) -> RedisClients.nodeFactory(clientName, configuration, vertx, host, port));
    }

    /**
     * @param master the client connected to the master that serves the keys' slots; null for keys of a slot no master
     *        serves (the cluster is being changed), which go through the cluster's client
     */
    record Share(Redis master, List<String> keys) {
    }

    /** @return the keys, split by the master that serves their slots now */
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

    /** Closes the clients of the masters that are no longer in the topology: nothing grows as masters come and go. */
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

    /** Closes every connection; a later eviction opens them again. */
    public void close() {
        clients.values().forEach(Redis::close);
        clients.clear();
    }
}
