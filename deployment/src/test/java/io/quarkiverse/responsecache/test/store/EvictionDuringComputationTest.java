package io.quarkiverse.responsecache.test.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkiverse.responsecache.ResponseCacheInvalidate;
import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedis;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * Read-your-writes through the Redis store's own scripts (claim, tombstone, store-if-claimed), where
 * {@code WriteRaceTest} gates a fake: a computation that began before an eviction answers its own request, but its
 * response is never stored after the eviction, so the next request gets a response computed after the write.
 */
class EvictionDuringComputationTest {

    static final String PREFIX = "eviction-during-computation-test";

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app(PREFIX)
            .withApplicationRoot(root -> root.addClasses(GatedResource.class, Await.class));

    @Path("/gated")
    public static class GatedResource {

        static volatile CountDownLatch entered = new CountDownLatch(0);
        static volatile CountDownLatch release = new CountDownLatch(0);
        static final AtomicInteger CALLS = new AtomicInteger();

        @GET
        @Path("/{id}")
        @ResponseCache(expire = 60, tags = "item:{id}")
        public String read(@PathParam("id") String id) throws InterruptedException {
            int call = CALLS.incrementAndGet();
            entered.countDown();
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the computation");
            }
            return id + "-" + call;
        }

        @PUT
        @Path("/{id}")
        @ResponseCacheInvalidate(tags = "item:{id}")
        public void write(@PathParam("id") String id) {
        }
    }

    @AfterEach
    void openTheGate() {
        GatedResource.release.countDown();
    }

    @Test
    void aComputationThatBeganBeforeAnEvictionIsNeverStoredAfterIt() {
        String id = Await.unique();
        String path = "/gated/" + id;
        GatedResource.entered = new CountDownLatch(1);
        GatedResource.release = new CountDownLatch(1);
        CompletableFuture<Response> before = CompletableFuture.supplyAsync(() -> given().get(path));
        try (RedisTestClient redis = LocalRedis.client()) {
            // the endpoint runs only once its claim is in Redis: the key holds the claim's placeholder
            Await.awaiting("the computation to begin").until(() -> GatedResource.entered.getCount() == 0);
            String key = onlyKeyHolding(redis, "RC-PENDING ");

            given().put(path).then().statusCode(204);
            assertThat((String) redis.command("GET", key)).as("the eviction's tombstone").startsWith("RC-TOMBSTONE ");

            GatedResource.release.countDown();
            Response computedBefore = before.join();
            assertThat(computedBefore.statusCode()).isEqualTo(200);
            String oldBody = computedBefore.asString();
            // the store script runs after the response: for a while, the key must never take the old body
            Await.awaiting("the key to keep its tombstone").during(Duration.ofSeconds(1))
                    .until(() -> String.valueOf(redis.command("GET", key)).startsWith("RC-TOMBSTONE "));

            Response after = given().get(path);
            assertThat(after.header("X-Cache")).isEqualTo("MISS");
            assertThat(after.asString()).as("computed after the write").isNotEqualTo(oldBody);
            Await.cachedBody(path, after.asString());
        }
    }

    private static String onlyKeyHolding(RedisTestClient redis, String head) {
        List<String> keys = redis.keys(PREFIX + ":*").stream()
                .filter(key -> String.valueOf(redis.command("GET", key)).startsWith(head)).toList();
        assertThat(keys).as("keys holding %s", head).hasSize(1);
        return keys.get(0);
    }
}
