package io.quarkiverse.responsecache.test.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.runtime.entry.CachedResponseCodec;
import io.quarkiverse.responsecache.runtime.store.redis.ClusterPipelines;
import io.quarkiverse.responsecache.runtime.store.redis.ClusterTopology;
import io.quarkiverse.responsecache.runtime.store.redis.HashSlot;
import io.quarkiverse.responsecache.runtime.store.redis.RedisClients;
import io.quarkiverse.responsecache.runtime.store.redis.RedisResponseStore;
import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisClusterProcess;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.client.config.RedisClientConfig;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * The store contract on a real 3-master Redis Cluster, reached through a named Redis client; a namespace whose
 * entries are spread over all three masters, evicted; and large evictions, pipelined to each master, or key by key
 * when a master refuses its batch.
 */
class RedisClusterStoreTest extends StoreContract {

    @Inject
    @RedisClientName("responses")
    ReactiveRedisDataSource cluster;

    @Inject
    Vertx vertx;

    static final RedisClusterProcess CLUSTER = RedisClusterProcess.shared();
    static final String PREFIX = "cluster-store-test";

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.withoutRedis(PREFIX)
            .overrideConfigKey("quarkus.response-cache.redis-client-name", "responses")
            .overrideConfigKey("quarkus.redis.responses.hosts", CLUSTER.hosts())
            .overrideConfigKey("quarkus.redis.responses.client-type", "cluster")
            .overrideConfigKey("quarkus.redis.devservices.enabled", "false")
            .overrideConfigKey("quarkus.response-cache.endpoint.overridden.expire", "5s")
            .overrideConfigKey("quarkus.response-cache.endpoint.\"CatalogResource.switchedOff\".enabled", "false")
            .withApplicationRoot(root -> root.addClasses(applicationClasses()));

    @Test
    void aNamespaceSpreadOverEveryMasterIsEvicted() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = Await.unique();
            ids.add(id);
            cached("/catalog/products/" + id);
        }
        for (RedisServerProcess node : CLUSTER.nodes()) {
            assertThat(productEntriesOn(node)).as("entries on the master on port " + node.port()).isNotEmpty();
        }

        assertThat(invalidator.evictNamespaceAndAwait("products")).isGreaterThanOrEqualTo(ids.size());

        for (RedisServerProcess node : CLUSTER.nodes()) {
            assertThat(productEntriesOn(node)).as("entries on the master on port " + node.port()).isEmpty();
        }
        for (String id : ids.subList(0, 3)) {
            assertThat(cacheStatus("/catalog/products/" + id)).isEqualTo("MISS");
        }
    }

    @Test
    void aLargeEvictionReachesEachMasterAsOnePipelinedBatchPerScanBatch() {
        String id = Await.unique();
        String tagIndex = indexes.tagIndex("bulk:" + id);
        List<String> keys = putProducts(productIds(id, LARGE_INDEX), tagIndex);
        Map<Integer, Long> loadsBefore = scriptLoadsOnEachMaster();

        assertThat(store.evictIndex(tagIndex).await().atMost(Await.AT_MOST)).isEqualTo(LARGE_INDEX);

        assertThat(stillStored(keys)).as("entries left after the eviction").isEmpty();
        // the pipelined batches load their script on each master first; key by key, the cluster's client never does
        Map<Integer, Long> loadsAfter = scriptLoadsOnEachMaster();
        for (RedisServerProcess master : CLUSTER.nodes()) {
            assertThat(loadsAfter.get(master.port())).as("SCRIPT LOAD calls on the master on port " + master.port())
                    .isGreaterThan(loadsBefore.get(master.port()));
        }
    }

    @Test
    void aBatchSentToAMasterThatNoLongerServesItsKeysIsEvictedKeyByKeyInstead() {
        String id = Await.unique();
        String tagIndex = indexes.tagIndex("moved:" + id);
        List<String> keys = putProducts(productIds(id, LARGE_INDEX), tagIndex);
        // what a resharding between the topology read and the batch looks like: one master is sent every key, and
        // answers MOVED for those of the two others
        RedisServerProcess first = CLUSTER.nodes().get(0);
        ClusterTopology stale = new ClusterTopology(List.of(new ClusterTopology.Master("stale", "127.0.0.1",
                first.port(), List.of(new ClusterTopology.SlotRange(0, HashSlot.SLOTS - 1)))));
        RedisClientConfig configuration = RedisClients.configuration("responses");
        ClusterPipelines pipelines = new ClusterPipelines(() -> Uni.createFrom().item(stale),
                (host, port) -> RedisClients.nodeFactory("responses", configuration, vertx, host, port));
        try {
            new RedisResponseStore(cluster, pipelines).evictIndex(tagIndex).await().atMost(Await.AT_MOST);
        } finally {
            pipelines.close();
        }

        assertThat(stillStored(keys)).as("entries left after the eviction").isEmpty();
        assertThat(store.members(tagIndex).await().atMost(Await.AT_MOST)).as("members left in the index").isEmpty();
    }

    /** @return by port, how many times each master ran {@code SCRIPT LOAD} ({@code INFO commandstats}) */
    static Map<Integer, Long> scriptLoadsOnEachMaster() {
        Map<Integer, Long> loads = new HashMap<>();
        for (RedisServerProcess master : CLUSTER.nodes()) {
            try (RedisTestClient redis = master.client()) {
                String stats = (String) redis.command("INFO", "commandstats");
                // cmdstat_script|load:calls=3,... on Redis 7; cmdstat_script:calls=3,... (every subcommand) before
                long calls = stats.lines().filter(line -> line.startsWith("cmdstat_script:")
                        || line.startsWith("cmdstat_script|load:"))
                        .mapToLong(line -> Long.parseLong(line.replaceFirst("^[^:]*:calls=(\\d+),.*$", "$1")))
                        .sum();
                loads.put(master.port(), calls);
            }
        }
        return loads;
    }

    @Override
    void assertStoreExpires(String key, Duration retention) {
        assertThat((Long) onOwningNode("PTTL", key)).as("PTTL of " + key).isBetween(1L, retention.toMillis());
    }

    /** Sends a command about one key to the master that holds its slot; the others answer MOVED. */
    static Object onOwningNode(String... command) {
        List<String> refusals = new ArrayList<>();
        for (RedisServerProcess node : CLUSTER.nodes()) {
            try (RedisTestClient redis = node.client()) {
                return redis.command(command);
            } catch (IllegalStateException refused) {
                if (refused.getMessage() == null || !refused.getMessage().contains("MOVED")) {
                    throw refused;
                }
                refusals.add(refused.getMessage());
            }
        }
        throw new AssertionError("no master takes " + List.of(command) + ": " + refusals);
    }

    /** @return the keys of product entries on that node; the tombstones evictions leave are not entries */
    static List<String> productEntriesOn(RedisServerProcess node) {
        try (RedisTestClient redis = node.client()) {
            return redis.keys(PREFIX + ":products:*").stream()
                    .filter(key -> CachedResponseCodec.decode(redis.bytes("GET", key)) != null)
                    .toList();
        }
    }
}
