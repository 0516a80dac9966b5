package io.quarkiverse.responsecache.test.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.test.runtime.CountingResource;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.path.json.JsonPath;

/** With the near cache on, the metrics and the health check show its state: coherent, entries, bytes. */
class NearCacheObservabilityTest {

    static final RedisServerProcess REDIS = RedisServerProcess.shared("near-metrics-test");

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.withoutRedis("near-metrics-test")
            .overrideConfigKey("quarkus.redis.hosts", REDIS.url())
            .overrideConfigKey("quarkus.redis.health.enabled", "false")
            .overrideConfigKey("quarkus.response-cache.near-cache.enabled", "true")
            .withApplicationRoot(root -> root.addClasses(CountingResource.class, Await.class, PrometheusScrape.class));

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    void nearCacheGaugesAndHealthData() {
        Await.awaiting("the near cache coherent").until(
                () -> PrometheusScrape.now().value("response_cache_near_coherent") == 1);
        String id = Await.unique();
        Await.cachedBody("/counting/" + id, given().get("/counting/" + id).asString());
        given().get("/counting/" + id).then().header("X-Cache", "HIT");

        Await.awaiting("near cache entries").until(
                () -> PrometheusScrape.now().value("response_cache_near_entries") >= 1
                        && PrometheusScrape.now().value("response_cache_near_bytes") > 0);
        Await.awaiting("a hit answered by the near cache").untilAsserted(() -> assertThat(
                given().get("/counting/" + id).header("Cache-Status")).contains("detail=near"));
        assertThat(PrometheusScrape.now().value("response_cache_requests_total", "outcome=\"hit\"", "tier=\"near\""))
                .as("hits the near cache answered, counted under its own tier").isGreaterThanOrEqualTo(1);
        assertThat(PrometheusScrape.now().value("response_cache_requests_total", "outcome=\"miss\"", "tier=\"redis\""))
                .as("the first request, a miss of the Redis store the near cache stands in front of")
                .isGreaterThanOrEqualTo(1);
        JsonPath health = given().get("/q/health/well").then().statusCode(200).extract().jsonPath();
        assertThat(health.getString("checks.find { it.name == 'response-cache' }.data.store")).isEqualTo("redis");
        assertThat(health.getString("checks.find { it.name == 'response-cache' }.data.near-cache"))
                .isEqualTo("coherent");
        assertThat(health.getLong("checks.find { it.name == 'response-cache' }.data.near-cache-entries"))
                .isGreaterThanOrEqualTo(1);
    }
}
