package io.quarkiverse.responsecache.test.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.ScriptedStore.Behaviour;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * The circuit breaker around a store that fails every call: after {@code failure-threshold} failures in a row the
 * store is not called at all until {@code open-duration} has passed on the cache's clock; then exactly one request
 * probes it. A failed probe opens the breaker for another period, a successful one closes it.
 */
class CircuitBreakerTest {

    static final int THRESHOLD = 3;
    static final Duration OPEN = Duration.ofSeconds(10);

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.withoutRedis("breaker-test")
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.response-cache.circuit-breaker.failure-threshold", Integer.toString(THRESHOLD))
            .overrideConfigKey("quarkus.response-cache.circuit-breaker.open-duration", OPEN.toSeconds() + "s")
            .withApplicationRoot(root -> root.addClasses(CountingResource.class, ScriptedStore.class,
                    ManualClock.class, ConcurrentRequests.class, Await.class));

    @Inject
    ScriptedStore store;

    @Inject
    ManualClock clock;

    /** Whatever a test left behind, a healthy store and a period's end close the breaker: one call succeeds. */
    @BeforeEach
    void closedBreaker() {
        store.script(Behaviour.EMPTY, Behaviour.EMPTY);
        clock.advance(OPEN);
        assertThat(given().get("/counting/" + Await.unique()).header("X-Cache")).isEqualTo("MISS");
    }

    @Test
    void afterTheThresholdTheStoreIsLeftAloneUntilTheBreakerLetsOneProbeThrough() {
        String path = "/counting/" + Await.unique();
        store.script(Behaviour.FAIL, Behaviour.FAIL);
        for (int i = 0; i < THRESHOLD; i++) {
            assertBypassed(given().get(path));
        }
        assertThat(store.gets()).as("each request asked the store until the threshold").isEqualTo(THRESHOLD);

        for (int i = 0; i < 10; i++) {
            assertBypassed(given().get(path));
        }
        clock.advance(OPEN.minusMillis(1));
        assertBypassed(given().get(path));
        assertThat(store.gets()).as("while the breaker is open").isEqualTo(THRESHOLD);

        clock.advance(Duration.ofMillis(1));
        List<HttpResponse<String>> atTheEndOfThePeriod = ConcurrentRequests.get(path, 10);
        assertThat(atTheEndOfThePeriod).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Cache")).contains("BYPASS");
        });
        assertThat(store.gets()).as("one probe at the end of the period").isEqualTo(THRESHOLD + 1);

        for (int i = 0; i < 10; i++) {
            assertBypassed(given().get(path));
        }
        assertThat(store.gets()).as("the failed probe opened the breaker again").isEqualTo(THRESHOLD + 1);
        clock.advance(OPEN);
        assertBypassed(given().get(path));
        assertThat(store.gets()).as("the next period's probe").isEqualTo(THRESHOLD + 2);
    }

    @Test
    void aSuccessfulProbeClosesTheBreaker() {
        String path = "/counting/" + Await.unique();
        store.script(Behaviour.FAIL, Behaviour.FAIL);
        for (int i = 0; i < THRESHOLD; i++) {
            assertBypassed(given().get(path));
        }

        store.script(Behaviour.EMPTY, Behaviour.EMPTY);
        assertBypassed(given().get(path));
        assertThat(store.gets()).as("the store is back, but the breaker is still open").isZero();

        clock.advance(OPEN);
        Response probe = given().get(path);
        assertThat(probe.header("X-Cache")).isEqualTo("MISS");
        assertThat(probe.header("Cache-Status")).isEqualTo("response-cache; fwd=uri-miss; stored; detail=absent");
        for (int i = 0; i < 5; i++) {
            assertThat(given().get(path).header("X-Cache")).isEqualTo("MISS");
        }
        assertThat(store.gets()).as("every request asks the store again").isEqualTo(6);
        Await.awaiting("the probe's and the misses' writes").untilAsserted(() -> assertThat(store.puts()).isEqualTo(6));
    }

    static void assertBypassed(Response response) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.asString()).startsWith("value-");
        assertThat(response.header("X-Cache")).isEqualTo("BYPASS");
        assertThat(response.header("Cache-Status")).isEqualTo("response-cache; fwd=bypass; detail=store-unavailable");
    }
}
