package io.quarkiverse.responsecache.test.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.testing.LocalRedis;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * Stale-while-revalidate with the refresh within a request (background refresh off, as for endpoints keyed by
 * principal): after freshness ends, one request refreshes the entry while the others get the stale copy.
 * Stale-if-error: when the endpoint fails within the window, the stale copy is served instead of the error. Past every
 * window, an entry is a plain miss. Time moves by the test's {@link ManualClock}, never by sleeping: the endpoints are
 * fresh for 60 s, stale for 30 s more.
 */
class StaleResponsesTest {

    static final String PREFIX = "stale-test";
    static final Duration EXPIRE = Duration.ofSeconds(60);
    static final Duration STALE_WINDOW = Duration.ofSeconds(30);

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app(PREFIX)
            // the refresh within the request that found the entry stale; BackgroundRefreshTest tests the default
            .overrideConfigKey("quarkus.response-cache.background-refresh.enabled", "false")
            .withApplicationRoot(root -> root.addClasses(SlowResource.class, ConcurrentRequests.class, Await.class,
                    ManualClock.class));

    @Inject
    ManualClock clock;

    @AfterEach
    void recover() {
        SlowResource.failing = false;
        SlowResource.failingStatus = 503;
    }

    /** Stores an entry for {@code path}, then moves the clock one second past its freshness. */
    String storedThenStale(String path) {
        String body = given().get(path).asString();
        Await.cachedBody(path, body);
        clock.advance(EXPIRE.plusSeconds(1));
        return body;
    }

    @Test
    void aStaleEntryIsServedWhileOneRequestRefreshesIt() {
        String id = Await.unique();
        String stale = storedThenStale("/slow/stale/" + id);

        List<HttpResponse<String>> responses = ConcurrentRequests.get("/slow/stale/" + id, 20);

        assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(200));
        assertThat(SlowResource.invocations(id)).as("one refresh").isEqualTo(2);
        assertThat(responses).extracting(HttpResponse::body).containsOnly(stale, id + "-2").contains(stale);
        assertThat(responses).filteredOn(r -> r.body().equals(stale))
                .allSatisfy(r -> assertThat(r.headers().firstValue("Cache-Status").orElseThrow())
                        .isEqualTo("response-cache; hit; ttl=-1; detail=stale"))
                .allSatisfy(r -> assertThat(r.headers().firstValue("Cache-Control").orElseThrow())
                        .isEqualTo("max-age=0, stale-while-revalidate=30, stale-if-error=30"))
                .allSatisfy(r -> assertThat(r.headers().firstValue("Age").orElseThrow())
                        .as("seconds since it was stored").isEqualTo("61"));
        Await.cachedBody("/slow/stale/" + id, id + "-2");
    }

    @Test
    void aThrowingEndpointIsReplacedByTheStaleEntry() {
        String id = Await.unique();
        String stale = storedThenStale("/slow/stale/" + id);
        SlowResource.failing = true;
        Response response = given().get("/slow/stale/" + id);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.asString()).isEqualTo(stale);
        assertThat(response.header("Cache-Status")).isEqualTo("response-cache; hit; ttl=-1; detail=stale-if-error");
    }

    /** {@code Age} counts from when the response was stored (generated), not from when its freshness ended. */
    @Test
    void aStaleEntrysAgeIsTheTimeSinceItWasStored() {
        String id = Await.unique();
        String stale = storedThenStale("/slow/stale/" + id);
        SlowResource.failing = true;
        Response justStale = given().get("/slow/stale/" + id);
        assertThat(justStale.asString()).isEqualTo(stale);
        assertThat(justStale.header("Cache-Status")).isEqualTo("response-cache; hit; ttl=-1; detail=stale-if-error");
        assertThat(justStale.header("Age")).isEqualTo("61");

        clock.advance(Duration.ofSeconds(20));
        Response later = given().get("/slow/stale/" + id);
        assertThat(later.asString()).isEqualTo(stale);
        assertThat(later.header("Age")).isEqualTo("81");
    }

    @Test
    void aClientErrorIsNotReplaced() {
        String id = Await.unique();
        storedThenStale("/slow/stale/" + id);
        SlowResource.failing = true;
        SlowResource.failingStatus = 404;
        assertThat(given().get("/slow/stale/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void anExceptionTheApplicationMapsToAClientErrorIsNotReplaced() {
        String id = Await.unique();
        storedThenStale("/slow/stale-mapped/" + id);
        SlowResource.failing = true;
        Response response = given().get("/slow/stale-mapped/" + id);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.asString()).isEqualTo("no such thing");
    }

    @Test
    void aReturned5xxIsReplacedByTheStaleEntry() {
        String id = Await.unique();
        String stale = storedThenStale("/slow/stale-response/" + id);
        SlowResource.failing = true;
        Response response = given().get("/slow/stale-response/" + id);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.asString()).isEqualTo(stale);
        assertThat(response.header("X-Cache")).isEqualTo("HIT");
    }

    @Test
    void withoutAStaleWindowAnExpiredEntryIsAMiss() {
        String id = Await.unique();
        storedThenStale("/slow/stale-response/" + id);
        Response response = given().get("/slow/stale-response/" + id);
        assertThat(response.header("X-Cache")).isEqualTo("MISS");
        assertThat(response.header("Cache-Status")).isEqualTo("response-cache; fwd=stale; stored; detail=expired");
    }

    @Test
    void pastEveryWindowAnEntryIsAMissThatRecomputes() {
        String id = Await.unique();
        String path = "/slow/stale/" + id;
        String first = given().get(path).asString();
        Await.cachedBody(path, first);
        try (RedisTestClient redis = LocalRedis.client()) {
            String key = Await.entryKeyHolding(redis, PREFIX, first);
            assertThat((Long) redis.command("PTTL", key)).as("Redis expires the entry after freshness and stale window")
                    .isBetween(1L, EXPIRE.plus(STALE_WINDOW).toMillis());
        }

        clock.advance(EXPIRE.plus(STALE_WINDOW).plusSeconds(1));
        Response response = given().get(path);
        assertThat(response.header("X-Cache")).isEqualTo("MISS");
        assertThat(response.header("Cache-Status")).isEqualTo("response-cache; fwd=stale; stored; detail=expired");
        assertThat(response.asString()).isEqualTo(id + "-2");
        assertThat(SlowResource.invocations(id)).isEqualTo(2);
        Await.cachedBody(path, id + "-2");
    }

    @Test
    void pastTheStaleIfErrorWindowAnErrorIsNotReplaced() {
        String id = Await.unique();
        String path = "/slow/stale-response/" + id;
        Await.cachedBody(path, given().get(path).asString());
        clock.advance(EXPIRE.plus(STALE_WINDOW).plusSeconds(1));
        SlowResource.failing = true;
        Response response = given().get(path);
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.asString()).isEqualTo("down");
        assertThat(response.header("X-Cache")).isEqualTo("MISS");
    }
}
