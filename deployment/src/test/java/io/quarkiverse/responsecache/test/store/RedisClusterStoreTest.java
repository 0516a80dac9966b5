package io.quarkiverse.responsecache.test.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.runtime.entry.CachedResponseCodec;
import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisClusterProcess;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The store contract on a real 3-master Redis Cluster, reached through a named Redis client; and a namespace whose
 * entries are spread over all three masters, evicted.
 */
class RedisClusterStoreTest extends StoreContract {

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
