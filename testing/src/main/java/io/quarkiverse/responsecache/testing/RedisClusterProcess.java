package io.quarkiverse.responsecache.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real 3-master Redis Cluster of throwaway {@code redis-server} processes on free loopback ports, created with
 * {@code redis-cli --cluster create}. Shared by the tests of one JVM and stopped when it exits.
 */
public final class RedisClusterProcess {

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
        List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        for (RedisServerProcess node : nodes) {
            command.add("127.0.0.1:" + node.port());
        }
        command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("redis-cli --cluster create failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        awaitClusterOk();
    }

    private void awaitClusterOk() {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            boolean allOk = true;
            for (RedisServerProcess node : nodes) {
                try (RedisTestClient client = node.client()) {
                    allOk &= ((String) client.command("CLUSTER", "INFO")).contains("cluster_state:ok");
                }
            }
            if (allOk) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("the Redis Cluster did not reach cluster_state:ok");
    }
}
