package io.quarkiverse.responsecache.test.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * A Redis of this test's own, killed, frozen, restarted and filled with garbage: no request fails because of the
 * cache, none waits much longer than the lookup budget, and hits resume by themselves when Redis is back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoreOutageTest {

    static final RedisServerProcess REDIS = RedisServerProcess.shared("outage-test");
    /**
     * The lookup budget plus room for a busy two-core machine running other builds; without the budget a frozen Redis
     * blocks 10 s.
     */
    static final long LATENCY_BOUND_MILLIS = 3000;

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.withoutRedis("outage-test")
            .overrideConfigKey("quarkus.redis.hosts", REDIS.url())
            .overrideConfigKey("quarkus.response-cache.lookup-timeout", "100ms")
            .overrideConfigKey("quarkus.response-cache.write-timeout", "1s")
            .overrideConfigKey("quarkus.response-cache.circuit-breaker.failure-threshold", "3")
            .overrideConfigKey("quarkus.response-cache.circuit-breaker.open-duration", "300ms")
            .withApplicationRoot(root -> root.addClasses(CountingResource.class, Await.class));

    @AfterEach
    void redisIsBack() {
        REDIS.unpause();
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    @Order(1)
    void killedRedisServesUncachedThenHitsResumeAfterRestart() {
        String id = Await.unique();
        Await.cachedBody("/counting/" + id, given().get("/counting/" + id).asString());

        REDIS.kill();
        for (int i = 0; i < 10; i++) {
            Response response = timed(() -> given().get("/counting/" + id));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.asString()).startsWith("value-" + id);
            assertThat(response.header("X-Cache")).isEqualTo("BYPASS");
            assertThat(response.header("Cache-Status")).endsWith("fwd=bypass; detail=store-unavailable");
        }

        REDIS.restart();
        awaitHitsResume("/counting/" + id);
    }

    @Test
    @Order(2)
    void frozenRedisIsBypassedWithinTheBudgetThenHitsResume() {
        String id = Await.unique();
        Await.cachedBody("/counting/" + id, given().get("/counting/" + id).asString());

        REDIS.pause();
        for (int i = 0; i < 10; i++) {
            Response response = timed(() -> given().get("/counting/" + id));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.header("X-Cache")).isEqualTo("BYPASS");
        }

        REDIS.unpause();
        awaitHitsResume("/counting/" + id);
    }

    @Test
    @Order(3)
    void garbageUnderThePrefixIsAMissEverywhere() {
        String[] ids = { Await.unique(), Await.unique(), Await.unique() };
        for (String id : ids) {
            Await.cachedBody("/counting/" + id, given().get("/counting/" + id).asString());
        }
        try (RedisTestClient redis = REDIS.client()) {
            byte[] garbage = "\u0000\u00ffRC1\nnot an entry".getBytes(StandardCharsets.ISO_8859_1);
            for (String key : redis.keys("outage-test:*")) {
                redis.commandWithBinaryValue(garbage, "SET", key);
            }
        }
        for (String id : ids) {
            Response response = given().get("/counting/" + id);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.header("X-Cache")).isEqualTo("MISS");
            awaitHitsResume("/counting/" + id);
        }
    }

    static Response timed(Supplier<Response> request) {
        long start = System.nanoTime();
        Response response = request.get();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).as("request time while Redis is unavailable").isLessThan(LATENCY_BOUND_MILLIS);
        return response;
    }

    /** Redis is back: without restarting anything, a miss stores again and the next requests hit (10 s at most). */
    static void awaitHitsResume(String path) {
        Await.awaiting("hits on " + path + " after Redis came back").untilAsserted(() -> {
            Response response = given().get(path);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.header("X-Cache")).isEqualTo("HIT");
        });
    }
}
