package io.quarkiverse.responsecache.test.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedis;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;

/** The store contract on Redis, and what eviction leaves in Redis. */
class RedisStoreTest extends StoreContract {

    static final String PREFIX = "redis-store-test";

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app(PREFIX)
            .overrideConfigKey("quarkus.response-cache.endpoint.overridden.expire", "5s")
            .overrideConfigKey("quarkus.response-cache.endpoint.\"CatalogResource.switchedOff\".enabled", "false")
            .withApplicationRoot(root -> root.addClasses(applicationClasses()));

    @Override
    void assertStoreExpires(String key, Duration retention) {
        try (RedisTestClient redis = LocalRedis.client()) {
            assertThat((Long) redis.command("PTTL", key)).as("PTTL of " + key).isBetween(1L, retention.toMillis());
        }
    }

    @Test
    void evictingATagDeletesExactlyTheTaggedKeysInRedis() {
        String id = Await.unique();
        String product = cached("/catalog/products/" + id);
        String reviews = cached("/catalog/products/" + id + "/reviews");
        String category = cached("/catalog/categories/" + id);
        try (RedisTestClient redis = LocalRedis.client()) {
            String productKey = Await.entryKeyHolding(redis, PREFIX, product);
            String reviewsKey = Await.entryKeyHolding(redis, PREFIX, reviews);
            String categoryKey = Await.entryKeyHolding(redis, PREFIX, category);
            assertThat(productKey).startsWith(PREFIX + ":products:");
            assertThat(reviewsKey).startsWith(PREFIX + ":reviews:");
            assertThat(smembers(redis, PREFIX + "#tag:product:" + id)).containsExactlyInAnyOrder(productKey,
                    reviewsKey);
            assertThat((Long) redis.command("PTTL", PREFIX + "#tag:product:" + id)).isBetween(1L, 60_000L);

            assertThat(invalidator.evictTagAndAwait("product:" + id)).isEqualTo(2);

            assertThat(redis.command("EXISTS", productKey)).isEqualTo(0L);
            assertThat(redis.command("EXISTS", reviewsKey)).isEqualTo(0L);
            assertThat(redis.command("EXISTS", categoryKey)).isEqualTo(1L);
            assertThat(smembers(redis, PREFIX + "#tag:product:" + id)).isEmpty();
        }
        assertThat(given().get("/catalog/categories/" + id).asString()).isEqualTo(category);
    }

    @SuppressWarnings("unchecked")
    static List<Object> smembers(RedisTestClient redis, String key) {
        return (List<Object>) redis.command("SMEMBERS", key);
    }
}
