package io.quarkiverse.responsecache.test.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.ResponseCacheInvalidator;
import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.test.runtime.CountingResource;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.path.json.JsonPath;

/**
 * An application with the Prometheus registry and SmallRye Health, on a Redis of its own that is killed and
 * restarted: {@code /q/metrics} counts misses, hits, puts, bypasses, store failures and evictions as they happen, and
 * {@code /q/health} reports the store and its breaker, while the readiness check stays up throughout.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsAndHealthTest {

    static final RedisServerProcess REDIS = RedisServerProcess.shared("metrics-test");
    static final String CACHE = "cache=\"CountingResource.cached\"";

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.withoutRedis("metrics-test")
            .overrideConfigKey("quarkus.redis.hosts", REDIS.url())
            // the Redis client's own readiness check would take the application out of rotation with Redis down
            .overrideConfigKey("quarkus.redis.health.enabled", "false")
            .overrideConfigKey("quarkus.response-cache.lookup-timeout", "500ms")
            .overrideConfigKey("quarkus.response-cache.write-timeout", "1s")
            .overrideConfigKey("quarkus.response-cache.circuit-breaker.failure-threshold", "3")
            .overrideConfigKey("quarkus.response-cache.circuit-breaker.open-duration", "300ms")
            .withApplicationRoot(root -> root.addClasses(CountingResource.class, Await.class, PrometheusScrape.class));

    @Inject
    ResponseCacheInvalidator invalidator;

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    @Order(1)
    void aMissThenHitsAreCountedLikeQuarkusCacheMetrics() {
        PrometheusScrape before = PrometheusScrape.now();
        String id = Await.unique();
        String body = given().get("/counting/" + id).then().header("X-Cache", "MISS").extract().asString();
        Await.cachedBody("/counting/" + id, body);
        given().get("/counting/" + id).then().header("X-Cache", "HIT");

        PrometheusScrape after = PrometheusScrape.now();
        assertThat(increase(before, after, "cache_gets_total", CACHE, "result=\"miss\"")).isEqualTo(1);
        assertThat(increase(before, after, "cache_gets_total", CACHE, "result=\"hit\"")).isGreaterThanOrEqualTo(2);
        assertThat(increase(before, after, "cache_puts_total", CACHE)).isEqualTo(1);
        assertThat(increase(before, after, "response_cache_requests_total", CACHE, "outcome=\"miss\"",
                "tier=\"redis\"")).isEqualTo(1);
        assertThat(increase(before, after, "response_cache_requests_total", CACHE, "outcome=\"hit\"",
                "tier=\"redis\"")).isGreaterThanOrEqualTo(1);
        assertThat(increase(before, after, "response_cache_lookup_seconds_count", "tier=\"redis\""))
                .isGreaterThanOrEqualTo(3);
        assertThat(increase(before, after, "response_cache_entry_size_bytes_count", CACHE)).isEqualTo(1);
        assertThat(after.value("response_cache_entry_size_bytes_sum", CACHE)).isGreaterThanOrEqualTo(body.length());
        assertThat(after.value("response_cache_breaker_open", "tier=\"redis\"")).isZero();
        // every endpoint the build found has its meters from the start, at zero when unused
        assertThat(after.samples("cache_gets_total", "cache=\"CountingResource.withStatus\"")).hasSize(2);
    }

    @Test
    @Order(2)
    void healthReportsTheStoreAndItsBreaker() {
        JsonPath health = given().get("/q/health/well").then().statusCode(200).extract().jsonPath();
        assertThat(health.getString("checks.find { it.name == 'response-cache' }.status")).isEqualTo("UP");
        assertThat(health.getString("checks.find { it.name == 'response-cache' }.data.store")).isEqualTo("redis");
        assertThat(health.getString("checks.find { it.name == 'response-cache' }.data.breaker")).isEqualTo("closed");
        assertThat(health.getBoolean("checks.find { it.name == 'response-cache' }.data.reachable")).isTrue();
        assertThat(health.getString("checks.find { it.name == 'response-cache' }.data.near-cache")).isEqualTo("none");
    }

    @Test
    @Order(3)
    void evictionsAreCounted() {
        String id = Await.unique();
        Await.cachedBody("/counting/" + id, given().get("/counting/" + id).asString());
        PrometheusScrape before = PrometheusScrape.now();

        long evicted = invalidator.evictNamespaceAndAwait("");

        assertThat(evicted).isGreaterThanOrEqualTo(1);
        // the namespace "" belongs to every endpoint of this application, so the eviction names none of them
        assertThat(increase(before, PrometheusScrape.now(), "cache_evictions_total", "cache=\"*\""))
                .isEqualTo(evicted);
    }

    @Test
    @Order(4)
    void aBypassWhoseEndpointFailsIsCountedToo() {
        String throwing = "cache=\"CountingResource.throwing\"";
        PrometheusScrape before = PrometheusScrape.now();

        given().header("Cache-Control", "no-store").get("/counting/throws/" + Await.unique()).then().statusCode(500);
        given().header("Authorization", "Bearer someone").get("/counting/throws/" + Await.unique()).then()
                .statusCode(500);

        assertThat(increase(before, PrometheusScrape.now(), "response_cache_requests_total", throwing,
                "outcome=\"bypass\"")).as("one for no-store, one for credentials").isEqualTo(2);
    }

    @Test
    @Order(5)
    void redisKilledIsCountedAndReportedWithoutLeavingRotationThenRedisBack() {
        String id = Await.unique();
        Await.cachedBody("/counting/" + id, given().get("/counting/" + id).asString());
        PrometheusScrape before = PrometheusScrape.now();

        REDIS.kill();
        for (int i = 0; i < 6; i++) {
            given().get("/counting/" + id).then().statusCode(200).header("X-Cache", "BYPASS");
        }
        PrometheusScrape down = PrometheusScrape.now();
        assertThat(increase(before, down, "response_cache_requests_total", CACHE, "outcome=\"bypass\"",
                "tier=\"none\"")).isEqualTo(6);
        assertThat(increase(before, down, "response_cache_store_failures_total", "operation=\"get\""))
                .isGreaterThanOrEqualTo(3);
        // bypasses are no gets: the hit ratio is that of the requests the cache handled
        assertThat(increase(before, down, "cache_gets_total", CACHE, "result=\"miss\"")).isZero();
        assertThat(down.value("response_cache_breaker_open", "tier=\"redis\"")).isEqualTo(1);

        JsonPath health = given().get("/q/health/well").then().statusCode(503).extract().jsonPath();
        assertThat(health.getString("checks.find { it.name == 'response-cache' }.status")).isEqualTo("DOWN");
        assertThat(health.getBoolean("checks.find { it.name == 'response-cache' }.data.reachable")).isFalse();
        assertThat(health.getString("checks.find { it.name == 'response-cache' }.data.last-error")).isNotBlank();
        // the application keeps serving: it stays ready and live
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));

        REDIS.restart();
        Await.awaiting("hits after Redis is back").until(
                () -> "HIT".equals(given().get("/counting/" + id).header("X-Cache"))
                        && PrometheusScrape.now().value("response_cache_breaker_open", "tier=\"redis\"") == 0);
        given().get("/q/health/well").then().statusCode(200);
    }

    private static double increase(PrometheusScrape before, PrometheusScrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
