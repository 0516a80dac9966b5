package io.quarkiverse.responsecache.test.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.spi.EntryMarks;
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
            assertThat(members(redis, PREFIX + "#tag:product:" + id)).containsExactlyInAnyOrder(productKey,
                    reviewsKey);
            assertThat((Long) redis.command("PTTL", PREFIX + "#tag:product:" + id))
                    .as("the entries' 60 s, plus the grace a computation has between its claim and its store")
                    .isBetween(1L, 60_000L + EntryMarks.MEMBERSHIP_GRACE.toMillis());

            assertThat(invalidator.evictTagAndAwait("product:" + id)).isEqualTo(2);

            for (String evicted : List.of(productKey, reviewsKey)) {
                assertThat(new String(redis.bytes("GET", evicted), StandardCharsets.UTF_8))
                        .as("the entry key itself is rewritten, so client-side caches tracking it hear of it")
                        .startsWith("RC-TOMBSTONE ");
                assertThat((Long) redis.command("PTTL", evicted)).isBetween(1L,
                        EntryMarks.TOMBSTONE_LIFETIME.toMillis());
            }
            assertThat(redis.command("EXISTS", categoryKey)).isEqualTo(1L);
            assertThat(members(redis, PREFIX + "#tag:product:" + id)).isEmpty();
        }
        assertThat(given().get("/catalog/categories/" + id).asString()).isEqualTo(category);
    }

    /**
     * An index holds about the live entries, not every entry it ever listed: members whose time is over leave it with
     * the next write of the index, and no write extends the others.
     */
    @Test
    void expiredMembersLeaveTheIndexWhenItIsWrittenNext() {
        String index = indexes.tagIndex("trimmed:" + Await.unique());
        for (int i = 0; i < 100; i++) {
            store.index(index, "short-lived-" + i, Duration.ofMillis(50)).await().atMost(Await.AT_MOST);
        }
        store.index(index, "long-lived", Duration.ofMinutes(1)).await().atMost(Await.AT_MOST);
        try (RedisTestClient redis = LocalRedis.client()) {
            Await.awaiting("the short-lived members trimmed by a later write").until(() -> {
                store.index(index, "written-later", Duration.ofMinutes(1)).await().atMost(Await.AT_MOST);
                return members(redis, index).size() == 2;
            });
            assertThat(members(redis, index)).containsExactlyInAnyOrder("long-lived", "written-later");
        }
    }

    @SuppressWarnings("unchecked")
    static List<Object> members(RedisTestClient redis, String key) {
        return (List<Object>) redis.command("ZRANGE", key, "0", "-1");
    }
}
