package io.quarkiverse.responsecache.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real 3-master Redis Cluster of throwaway {@code redis-server} processes on free loopback ports, created with
 * cluster commands sent by {@link RedisTestClient} (no {@code redis-cli} needed): each node gets a third of the
 * slots, then they meet. Shared by the tests of one JVM and stopped when it exits.
 */
public final class RedisClusterProcess {

    private static final int SLOTS = 16384;
    /** Slots per {@code CLUSTER ADDSLOTS}: a node's 5461 slots go in a few commands of about 10 KB each. */
    private static final int SLOTS_PER_COMMAND = 1000;

    private static final String PORTS_PROPERTY = "response-cache.tests.redis-cluster-ports";

    private final List<RedisServerProcess> nodes;

    private RedisClusterProcess(List<RedisServerProcess> nodes) {
        this.nodes = nodes;
    }

    /** @return the JVM's cluster, created on first use */
    public static RedisClusterProcess shared() {
        synchronized (System.getProperties()) {
            List<RedisServerProcess> nodes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                nodes.add(RedisServerProcess.shared("cluster-node-" + i, "--cluster-enabled", "yes",
                        "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000"));
            }
            RedisClusterProcess cluster = new RedisClusterProcess(nodes);
            if (System.getProperty(PORTS_PROPERTY) == null) {
                cluster.create();
                System.setProperty(PORTS_PROPERTY, cluster.hosts());
            }
            return cluster;
        }
    }

    /** @return the nodes' URLs, comma separated, for {@code quarkus.redis.hosts} */
    public String hosts() {
        return nodes.stream().map(RedisServerProcess::url).collect(Collectors.joining(","));
    }

    public List<RedisServerProcess> nodes() {
        return nodes;
    }

    private void create() {
        List<RedisTestClient> clients = new ArrayList<>();
        try {
            for (RedisServerProcess node : nodes) {
                clients.add(node.client());
            }
            for (int i = 0; i < clients.size(); i++) {
                // distinct epochs before the nodes meet, as redis-cli --cluster create sets them: otherwise the
                // nodes first have to settle the collision of their equal epochs among themselves
                clients.get(i).command("CLUSTER", "SET-CONFIG-EPOCH", Integer.toString(i + 1));
                addSlots(clients.get(i), SLOTS * i / clients.size(), SLOTS * (i + 1) / clients.size() - 1);
            }
            // one node meeting the others is enough: gossip introduces the rest to each other
            for (RedisServerProcess other : nodes.subList(1, nodes.size())) {
                clients.get(0).command("CLUSTER", "MEET", "127.0.0.1", Integer.toString(other.port()));
            }
            awaitClusterOk(clients);
        } finally {
            clients.forEach(RedisTestClient::close);
        }
    }

    /** Assigns slots {@code first..last} to the client's node; Redis 6.2 has no ADDSLOTSRANGE. */
    private static void addSlots(RedisTestClient client, int first, int last) {
        for (int batchStart = first; batchStart <= last; batchStart += SLOTS_PER_COMMAND) {
            int batchEnd = Math.min(last, batchStart + SLOTS_PER_COMMAND - 1);
            List<String> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
            for (int slot = batchStart; slot <= batchEnd; slot++) {
                command.add(Integer.toString(slot));
            }
            client.command(command.toArray(String[]::new));
        }
    }

    /**
     * Waits until every node is {@code cluster_state:ok}, knows the other nodes and sees every slot assigned: the
     * application's client may read the slot map from any node, and one that has not yet heard of all the others
     * would hand out a map with holes.
     */
    private void awaitClusterOk(List<RedisTestClient> clients) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = "";
        while (true) {
            boolean allOk = true;
            for (int i = 0; i < clients.size() && allOk; i++) {
                last = "node on port " + nodes.get(i).port() + ":\n" + clients.get(i).command("CLUSTER", "INFO");
                allOk = last.contains("cluster_state:ok")
                        && last.contains("cluster_slots_assigned:" + SLOTS)
                        && last.contains("cluster_known_nodes:" + nodes.size());
            }
            if (allOk) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Redis Cluster did not become ok within 30 s; " + last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the Redis Cluster", e);
            }
        }
    }
}
