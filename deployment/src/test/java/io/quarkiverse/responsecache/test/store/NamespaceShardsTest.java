package io.quarkiverse.responsecache.test.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.runtime.invalidation.EntryIndexes;
import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedis;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * A namespace's index is spread over {@link EntryIndexes#NAMESPACE_SHARDS} shards by key. Entries are stored until
 * every shard lists some, then the namespace is evicted: every shard is emptied and no entry of any shard is served.
 */
class NamespaceShardsTest {

    static final String PREFIX = "namespace-shards-test";
    /** Enough for 8 shards many times over (about 22 entries fill them on average); a bound, not a target. */
    static final int MAX_ENTRIES = 300;

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app(PREFIX)
            .withApplicationRoot(root -> root.addClasses(CatalogResource.class, Await.class));

    static String shard(int shard) {
        return PREFIX + "#ns" + shard + ":products";
    }

    static long listed(RedisTestClient redis, int shard) {
        return (Long) redis.command("ZCARD", shard(shard));
    }

    static boolean everyShardListsSome(RedisTestClient redis) {
        return IntStream.range(0, EntryIndexes.NAMESPACE_SHARDS).allMatch(shard -> listed(redis, shard) > 0);
    }

    @Test
    void evictingANamespaceReachesTheEntriesOfEveryShard() {
        Map<String, String> stored = new LinkedHashMap<>();
        try (RedisTestClient redis = LocalRedis.client()) {
            while (!everyShardListsSome(redis) && stored.size() < MAX_ENTRIES) {
                String path = "/catalog/products/" + Await.unique();
                String body = given().get(path).asString();
                Await.cachedBody(path, body);
                stored.put(path, body);
            }
            assertThat(IntStream.range(0, EntryIndexes.NAMESPACE_SHARDS).mapToLong(shard -> listed(redis, shard)))
                    .as("entries in each shard after %d entries", stored.size()).allMatch(count -> count > 0);

            given().delete("/catalog/products").then().statusCode(204);

            assertThat(IntStream.range(0, EntryIndexes.NAMESPACE_SHARDS).mapToLong(shard -> listed(redis, shard)))
                    .as("entries each shard lists after the eviction").containsOnly(0L);
        }
        stored.forEach((path, body) -> {
            Response after = given().get(path);
            assertThat(after.header("X-Cache")).as(path).isEqualTo("MISS");
            assertThat(after.asString()).as(path).isNotEqualTo(body);
        });
    }
}
