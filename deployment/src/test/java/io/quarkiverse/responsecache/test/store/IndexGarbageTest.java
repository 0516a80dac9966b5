package io.quarkiverse.responsecache.test.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.responsecache.ResponseCacheInvalidator;
import io.quarkiverse.responsecache.ResponseCacheKeyBuilder;
import io.quarkiverse.responsecache.ResponseCacheKeyInput;
import io.quarkiverse.responsecache.runtime.invalidation.EntryIndexes;
import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedis;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * Garbage under the keys the cache keeps beside its entries (a tag index, a namespace index, the registry of
 * namespaces), of every Redis type and without a TTL, as another program or an older version could leave it: it costs
 * at most the one miss that meets it, then caching and eviction work again by themselves.
 */
class IndexGarbageTest {

    static final String PREFIX = "index-garbage-test";

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app(PREFIX)
            .withApplicationRoot(root -> root.addClasses(CatalogResource.class, Await.class));

    @Inject
    ResponseCacheKeyBuilder keyBuilder;

    @Inject
    EntryIndexes indexes;

    @Inject
    ResponseCacheInvalidator invalidator;

    /** What may sit at an index key, none of it with a TTL (named by strings in the tests: class loaders differ). */
    enum Garbage {
        STRING("SET", "garbage"),
        HASH("HSET", "field", "value"),
        LIST("RPUSH", "garbage"),
        /** An index of the previous version: a plain set, here listing a key that is no entry. */
        SET("SADD", PREFIX + ":products:not-an-entry"),
        ZSET_WITHOUT_TTL("ZADD", "1", PREFIX + ":products:not-an-entry");

        final String command;
        final String[] arguments;

        Garbage(String command, String... arguments) {
            this.command = command;
            this.arguments = arguments;
        }

        void writeAt(RedisTestClient redis, String key) {
            redis.command("DEL", key);
            String[] full = new String[arguments.length + 2];
            full[0] = command;
            full[1] = key;
            System.arraycopy(arguments, 0, full, 2, arguments.length);
            redis.command(full);
        }
    }

    String productKey(String id) {
        return keyBuilder.build(ResponseCacheKeyInput.forEndpoint(CatalogResource.class, "product")
                .namespace("products").path("/catalog/products/" + id).build());
    }

    /** Requests the product until it is a hit. @return how many times the endpoint ran meanwhile */
    int callsUntilCached(String id) {
        int before = CatalogResource.CALLS.get();
        String first = given().get("/catalog/products/" + id).asString();
        Await.cachedBody("/catalog/products/" + id, first);
        return CatalogResource.CALLS.get() - before;
    }

    @ParameterizedTest
    @ValueSource(strings = { "STRING", "HASH", "LIST", "SET", "ZSET_WITHOUT_TTL" })
    void garbageAtATagIndexCostsOneMissThenCachingAndEvictionByThatTagResume(String kind) {
        Garbage garbage = Garbage.valueOf(kind);
        String id = Await.unique();
        try (RedisTestClient redis = LocalRedis.client()) {
            garbage.writeAt(redis, indexes.tagIndex("product:" + id));
            assertThat(callsUntilCached(id)).as("endpoint runs until cached").isEqualTo(1);
            assertThat(redis.command("TYPE", indexes.tagIndex("product:" + id))).isEqualTo("zset");
            assertThat((Long) redis.command("PTTL", indexes.tagIndex("product:" + id))).isPositive();
        }
        given().put("/catalog/products/" + id).then().statusCode(204);
        assertThat(given().get("/catalog/products/" + id).header("X-Cache")).isEqualTo("MISS");
    }

    @ParameterizedTest
    @ValueSource(strings = { "STRING", "HASH", "LIST", "SET", "ZSET_WITHOUT_TTL" })
    void garbageAtANamespaceIndexCostsOneMissThenCachingAndEvictionOfTheNamespaceResume(String kind) {
        Garbage garbage = Garbage.valueOf(kind);
        String id = Await.unique();
        String shard = indexes.memberships(productKey(id), "products", List.of()).keySet().iterator().next();
        try (RedisTestClient redis = LocalRedis.client()) {
            garbage.writeAt(redis, shard);
            assertThat(callsUntilCached(id)).isEqualTo(1);
            assertThat(redis.command("TYPE", shard)).isEqualTo("zset");
        }
        given().delete("/catalog/products").then().statusCode(204);
        assertThat(given().get("/catalog/products/" + id).header("X-Cache")).isEqualTo("MISS");
    }

    @ParameterizedTest
    @ValueSource(strings = { "STRING", "HASH", "LIST", "SET", "ZSET_WITHOUT_TTL" })
    void garbageAtTheRegistryDoesNotStopCachingNorEvictingEverything(String kind) {
        Garbage garbage = Garbage.valueOf(kind);
        String id = Await.unique();
        try (RedisTestClient redis = LocalRedis.client()) {
            garbage.writeAt(redis, indexes.namespaceRegistry());
            assertThat(callsUntilCached(id)).isEqualTo(1);
            assertThat(invalidator.evictAllAndAwait()).isGreaterThanOrEqualTo(1);
            assertThat(given().get("/catalog/products/" + id).header("X-Cache")).isEqualTo("MISS");
            Await.awaiting("the registry rewritten by the next entries").until(
                    () -> "zset".equals(redis.command("TYPE", indexes.namespaceRegistry())));
        }
    }

    /** An index of the previous version lists real entries: evicting its tag still evicts them. */
    @Test
    void anIndexOfThePreviousVersionIsStillEvicted() {
        String id = Await.unique();
        String body = callsUntilCachedBody(id);
        try (RedisTestClient redis = LocalRedis.client()) {
            String tagIndex = indexes.tagIndex("product:" + id);
            redis.command("DEL", tagIndex);
            redis.command("SADD", tagIndex, productKey(id));
        }
        assertThat(invalidator.evictTagAndAwait("product:" + id)).isEqualTo(1);
        Response after = given().get("/catalog/products/" + id);
        assertThat(after.header("X-Cache")).isEqualTo("MISS");
        assertThat(after.asString()).isNotEqualTo(body);
    }

    String callsUntilCachedBody(String id) {
        String first = given().get("/catalog/products/" + id).asString();
        Await.cachedBody("/catalog/products/" + id, first);
        return first;
    }
}
