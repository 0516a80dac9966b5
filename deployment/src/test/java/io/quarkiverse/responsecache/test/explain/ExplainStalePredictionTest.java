package io.quarkiverse.responsecache.test.explain;

import static io.quarkiverse.responsecache.test.explain.ExplainCalls.explain;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.test.runtime.ManualClock;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.path.json.JsonPath;

/**
 * With background refresh off, a lone request that finds an entry stale within its stale-while-revalidate window
 * computes it and waits: the explain endpoint predicts that miss, the same {@code Cache-Status} the live request then
 * gets, not a stale hit. Without a near cache, its list of what it cannot see does not name one.
 */
class ExplainStalePredictionTest {

    static final Duration EXPIRE = Duration.ofSeconds(60);

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("explain-stale-test")
            .overrideConfigKey("quarkus.response-cache.background-refresh.enabled", "false")
            .overrideConfigKey("quarkus.response-cache.management.enabled", "true")
            .overrideConfigKey("quarkus.management.enabled", "true")
            .overrideConfigKey("quarkus.management.test-port", Integer.toString(RedisServerProcess.freePort()))
            .withApplicationRoot(root -> root.addClasses(StaleResource.class, ExplainCalls.class, Await.class,
                    ManualClock.class));

    @Inject
    ManualClock clock;

    @Test
    void aStaleEntryIsPredictedComputedByTheRequestThatFindsIt() {
        String path = "/explained-stale/" + Await.unique();
        String body = given().get(path).asString();
        Await.cachedBody(path, body);
        clock.advance(EXPIRE.plusSeconds(1));

        JsonPath predicted = explain(path);

        assertThat(predicted.getBoolean("entry.fresh")).isFalse();
        assertThat(predicted.getString("outcome")).isEqualTo("miss");
        assertThat(predicted.getString("detail")).isEqualTo("expired");
        assertThat(predicted.getString("cacheStatus")).isEqualTo("fwd=stale; detail=expired");
        assertThat(predicted.getList("notSeen", String.class)).noneMatch(line -> line.contains("near cache"));
        assertThat(given().get(path).header("Cache-Status")).as("what the live request gets")
                .isEqualTo("response-cache; fwd=stale; stored; detail=expired");
    }

    @Path("/explained-stale")
    public static class StaleResource {

        @GET
        @Path("/{id}")
        @ResponseCache(expire = 60, staleWhileRevalidate = 30)
        public String item(@PathParam("id") String id) {
            return "item-" + id + "-" + System.nanoTime();
        }
    }
}
