package io.quarkiverse.responsecache.test.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.ResponseCacheKeyBuilder;
import io.quarkiverse.responsecache.ResponseCacheKeyInput;
import io.quarkiverse.responsecache.testing.LocalRedis;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * The distributed lock of a key held by an instance that died: when its lease runs out, the waiting instance takes
 * the lock and computes, without waiting for its whole max-wait.
 */
class AbandonedLockTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("abandoned-lock-test")
            .overrideConfigKey("quarkus.response-cache.distributed-lock.enabled", "true")
            .overrideConfigKey("quarkus.response-cache.distributed-lock.max-wait", "10s")
            .withApplicationRoot(root -> root.addClasses(CountingResource.class, Await.class));

    @Inject
    ResponseCacheKeyBuilder keyBuilder;

    @Test
    void aLockWhoseHolderDiedIsTakenOverWhenItsLeaseEnds() {
        String id = Await.unique();
        String key = keyBuilder.build(ResponseCacheKeyInput.forEndpoint(CountingResource.class.getName() + "#cached")
                .path("/counting/" + id).build());
        try (RedisTestClient redis = LocalRedis.client()) {
            // the lock of a holder that will never write the entry nor release the lock
            assertThat(redis.command("SET", key + ":lock", "dead-instance", "NX", "PX", "600")).isEqualTo("OK");
        }
        long start = System.nanoTime();
        Response response = given().get("/counting/" + id);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("X-Cache")).isEqualTo("MISS");
        assertThat(response.asString()).startsWith("value-" + id);
        assertThat(millis).as("waited for the lease, not for max-wait").isBetween(500L, 5_000L);
        Await.cachedBody("/counting/" + id, response.asString());
    }
}
