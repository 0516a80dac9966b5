package io.quarkiverse.responsecache.test.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.runtime.refresh.BackgroundRefresher;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * Stale-while-revalidate refreshed in the background: every request that finds the entry stale gets the stale copy at
 * once, the first one included, while the instance asks itself for the resource again; one refresh per key at a time;
 * the refresh computes the response of the same inputs (path, query, the header the endpoint reads). The endpoint is
 * held at a gate while it refreshes, so "no request waits" does not depend on timing; time moves by the
 * {@link ManualClock}: fresh for 60 s, stale for 30 s more.
 */
class BackgroundRefreshTest {

    static final Duration EXPIRE = Duration.ofSeconds(60);

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("background-refresh-test")
            .withApplicationRoot(
                    root -> root.addClasses(RefreshResource.class, RefreshHeadersFilter.class, ConcurrentRequests.class,
                            Await.class, ManualClock.class));

    @Inject
    ManualClock clock;

    @AfterEach
    void openTheGate() {
        RefreshResource.gate.countDown();
        RefreshResource.failing = false;
    }

    /** Stores an entry for {@code path}, then moves the clock one second past its freshness. */
    String storedThenStale(String path, String tenant) {
        String body = given().header("X-Tenant", tenant).get(path).asString();
        Await.awaiting("the entry of " + path).untilAsserted(() -> assertThat(given().header("X-Tenant", tenant)
                .get(path).header("Cache-Status")).startsWith("response-cache; hit; ttl="));
        clock.advance(EXPIRE.plusSeconds(1));
        return body;
    }

    @Test
    void everyRequestGetsTheStaleCopyAtOnceWhileOneBackgroundRefreshRuns() {
        String id = Await.unique();
        String path = "/refresh/" + id + "?lang=fr";
        String stale = storedThenStale(path, "acme");
        assertThat(stale).isEqualTo(id + "-1-acme-fr");
        RefreshResource.gate = new CountDownLatch(1);

        Response first = given().header("X-Tenant", "acme").get(path);
        assertThat(first.asString()).as("the request that found it stale does not wait").isEqualTo(stale);
        assertThat(first.header("Cache-Status")).isEqualTo("response-cache; hit; ttl=-1; detail=stale");
        assertThat(first.header("Age")).as("seconds since it was stored, not since it expired").isEqualTo("61");
        Await.awaiting("the refresh to reach the endpoint")
                .untilAsserted(() -> assertThat(RefreshResource.calls(id)).isEqualTo(2));

        List<HttpResponse<String>> during = ConcurrentRequests.get(path, 20, "X-Tenant", "acme");
        assertThat(during).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(stale);
            assertThat(response.headers().firstValue("Cache-Status")).contains(
                    "response-cache; hit; ttl=-1; detail=stale");
        });
        assertThat(RefreshResource.calls(id)).as("one refresh per key at a time").isEqualTo(2);

        RefreshResource.gate.countDown();
        Await.awaiting("the refreshed entry").untilAsserted(() -> {
            Response fresh = given().header("X-Tenant", "acme").get(path);
            assertThat(fresh.asString()).as("computed from the same inputs").isEqualTo(id + "-2-acme-fr");
            assertThat(fresh.header("Cache-Status")).startsWith("response-cache; hit; ttl=60");
        });
        assertThat(RefreshResource.calls(id)).isEqualTo(2);
    }

    @Test
    void eachVariantIsRefreshedWithItsOwnInputs() {
        String id = Await.unique();
        String path = "/refresh/" + id;
        storedThenStale(path, "acme");
        given().header("X-Tenant", "acme").get(path);
        Await.awaiting("the acme variant refreshed").untilAsserted(() -> assertThat(
                given().header("X-Tenant", "acme").get(path).asString()).isEqualTo(id + "-2-acme-null"));
        assertThat(given().header("X-Tenant", "globex").get(path).asString()).as("another variant, another entry")
                .isEqualTo(id + "-3-globex-null");
    }

    @Test
    void aFailedRefreshLeavesTheStaleCopyAndTheNextStaleRequestTriesAgain() {
        String id = Await.unique();
        String path = "/refresh/" + id;
        String stale = storedThenStale(path, "acme");
        RefreshResource.failing = true;
        assertThat(given().header("X-Tenant", "acme").get(path).asString()).isEqualTo(stale);
        Await.awaiting("the failed refresh").untilAsserted(() -> assertThat(RefreshResource.calls(id)).isEqualTo(2));
        // the failure is not stored: the stale copy is still served, and the refresh is tried again
        Await.awaiting("another refresh").untilAsserted(() -> {
            assertThat(given().header("X-Tenant", "acme").get(path).asString()).isEqualTo(stale);
            assertThat(RefreshResource.calls(id)).isGreaterThanOrEqualTo(3);
        });
        RefreshResource.failing = false;
        Await.awaiting("a successful refresh").untilAsserted(() -> assertThat(
                given().header("X-Tenant", "acme").get(path).header("Cache-Status"))
                .startsWith("response-cache; hit; ttl=60"));
    }

    /**
     * The refresh is a clean request: the inputs of the key (path, the keyed query parameter, the keyed header) and
     * nothing of the caller that found the entry stale; its token is gone before any filter runs.
     */
    @Test
    void theRefreshCarriesOnlyTheKeysInputsAndNoFilterSeesItsToken() {
        String id = Await.unique();
        String path = "/refresh/" + id + "?lang=fr&utm_source=mail";
        storedThenStale(path, "acme");
        RefreshHeadersFilter.SEEN.clear();
        given().header("X-Tenant", "acme").header("Cookie", "session=alice").header("X-Private", "s3cret")
                .header("Accept-Language", "xx-EVIL").get(path);
        Await.awaiting("the refresh to reach the endpoint")
                .untilAsserted(() -> assertThat(RefreshResource.calls(id)).isEqualTo(2));
        assertThat(RefreshHeadersFilter.SEEN).hasSize(2);
        Map<String, List<String>> refresh = RefreshHeadersFilter.SEEN.get(1);
        assertThat(refresh).containsEntry("x-tenant", List.of("acme"));
        assertThat(refresh.keySet()).map(String::toLowerCase).doesNotContain("cookie", "x-private", "accept-language",
                BackgroundRefresher.HEADER.toLowerCase());
        assertThat(RefreshHeadersFilter.SEEN).allSatisfy(headers -> assertThat(headers.keySet())
                .map(String::toLowerCase).doesNotContain(BackgroundRefresher.HEADER.toLowerCase()));
        Await.awaiting("the refreshed entry").untilAsserted(() -> assertThat(
                given().header("X-Tenant", "acme").get(path).asString()).isEqualTo(id + "-2-acme-fr"));
    }

    /** Without a token of this instance the header is taken off and ignored: a fresh entry is a hit. */
    @Test
    void aGuessedRefreshHeaderChangesNothing() {
        String id = Await.unique();
        String path = "/refresh/" + id;
        String body = given().header("X-Tenant", "acme").get(path).asString();
        Await.awaiting("the entry").untilAsserted(() -> assertThat(given().header("X-Tenant", "acme").get(path)
                .header("X-Cache")).isEqualTo("HIT"));
        for (String guess : List.of("", "true", "1", "secret", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")) {
            Response response = given().header("X-Tenant", "acme").header(BackgroundRefresher.HEADER, guess)
                    .get(path);
            assertThat(response.header("X-Cache")).isEqualTo("HIT");
            assertThat(response.asString()).isEqualTo(body);
        }
        assertThat(RefreshResource.calls(id)).isEqualTo(1);
    }
}
