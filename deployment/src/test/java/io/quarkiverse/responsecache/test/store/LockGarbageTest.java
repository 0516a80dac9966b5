package io.quarkiverse.responsecache.test.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.responsecache.ResponseCacheKeyBuilder;
import io.quarkiverse.responsecache.ResponseCacheKeyInput;
import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedis;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * Garbage at a key's distributed lock: another type, or a string without a TTL (a lock the cache took always has
 * one, so nobody holds it). Without healing, every miss of the key would wait the lock's whole max-wait for an entry
 * that never comes, for ever. With it, the first miss takes the lock and the key is cached.
 */
class LockGarbageTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("lock-garbage-test")
            .overrideConfigKey("quarkus.response-cache.distributed-lock.enabled", "true")
            .overrideConfigKey("quarkus.response-cache.distributed-lock.max-wait", "10m")
            .withApplicationRoot(root -> root.addClasses(CatalogResource.class, Await.class));

    @Inject
    ResponseCacheKeyBuilder keyBuilder;

    @ParameterizedTest
    @ValueSource(strings = { "SET", "HSET", "RPUSH", "SADD" })
    void garbageAtALockIsReplacedByTheFirstMiss(String command) {
        String id = Await.unique();
        String key = keyBuilder.build(ResponseCacheKeyInput.forEndpoint(CatalogResource.class, "product")
                .namespace("products").path("/catalog/products/" + id).build());
        try (RedisTestClient redis = LocalRedis.client()) {
            if ("HSET".equals(command)) {
                redis.command(command, key + ":lock", "field", "value");
            } else {
                redis.command(command, key + ":lock", "garbage");
            }
        }
        Response first = given().get("/catalog/products/" + id);
        assertThat(first.header("X-Cache")).isEqualTo("MISS");
        assertThat(first.header("Cache-Status")).as("computed and stored, not a wait for another instance")
                .isEqualTo("response-cache; fwd=uri-miss; stored; detail=absent");
        Await.cachedBody("/catalog/products/" + id, first.asString());
    }
}
