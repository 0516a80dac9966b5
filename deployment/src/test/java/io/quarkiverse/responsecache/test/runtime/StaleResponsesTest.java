package io.quarkiverse.responsecache.test.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * Stale-while-revalidate: after freshness ends, one request refreshes the entry while the others get the stale copy.
 * Stale-if-error: when the endpoint fails within the window, the stale copy is served instead of the error.
 */
class StaleResponsesTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("stale-test")
            .withApplicationRoot(root -> root.addClasses(SlowResource.class, ConcurrentRequests.class, Await.class));

    @AfterEach
    void recover() {
        SlowResource.failing = false;
        SlowResource.failingStatus = 503;
    }

    /** Stores an entry for {@code path} and waits until its one second of freshness is over. */
    static String storedThenStale(String path) throws InterruptedException {
        String body = given().get(path).asString();
        Await.cachedBody(path, body);
        Thread.sleep(1100);
        return body;
    }

    @Test
    void aStaleEntryIsServedWhileOneRequestRefreshesIt() throws InterruptedException {
        String id = Await.unique();
        String stale = storedThenStale("/slow/stale/" + id);

        List<HttpResponse<String>> responses = ConcurrentRequests.get("/slow/stale/" + id, 20);

        assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(200));
        assertThat(SlowResource.invocations(id)).as("one refresh").isEqualTo(2);
        assertThat(responses).extracting(HttpResponse::body).containsOnly(stale, id + "-2").contains(stale);
        assertThat(responses).filteredOn(r -> r.body().equals(stale))
                .allSatisfy(r -> assertThat(r.headers().firstValue("Cache-Status").orElseThrow())
                        .matches("response-cache; hit; ttl=-\\d+; detail=stale"))
                .allSatisfy(r -> assertThat(r.headers().firstValue("Cache-Control").orElseThrow())
                        .startsWith("max-age=0, stale-while-revalidate=30, stale-if-error=30"));
        Await.cachedBody("/slow/stale/" + id, id + "-2");
    }

    @Test
    void aThrowingEndpointIsReplacedByTheStaleEntry() throws InterruptedException {
        String id = Await.unique();
        String stale = storedThenStale("/slow/stale/" + id);
        SlowResource.failing = true;
        Response response = given().get("/slow/stale/" + id);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.asString()).isEqualTo(stale);
        assertThat(response.header("Cache-Status")).matches("response-cache; hit; ttl=-\\d+; detail=stale-if-error");
    }

    @Test
    void aClientErrorIsNotReplaced() throws InterruptedException {
        String id = Await.unique();
        storedThenStale("/slow/stale/" + id);
        SlowResource.failing = true;
        SlowResource.failingStatus = 404;
        assertThat(given().get("/slow/stale/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void anExceptionTheApplicationMapsToAClientErrorIsNotReplaced() throws InterruptedException {
        String id = Await.unique();
        storedThenStale("/slow/stale-mapped/" + id);
        SlowResource.failing = true;
        Response response = given().get("/slow/stale-mapped/" + id);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.asString()).isEqualTo("no such thing");
    }

    @Test
    void aReturned5xxIsReplacedByTheStaleEntry() throws InterruptedException {
        String id = Await.unique();
        String stale = storedThenStale("/slow/stale-response/" + id);
        SlowResource.failing = true;
        Response response = given().get("/slow/stale-response/" + id);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.asString()).isEqualTo(stale);
        assertThat(response.header("X-Cache")).isEqualTo("HIT");
    }

    @Test
    void withoutAStaleWindowAnExpiredEntryIsAMiss() throws InterruptedException {
        String id = Await.unique();
        storedThenStale("/slow/stale-response/" + id);
        Response response = given().get("/slow/stale-response/" + id);
        assertThat(response.header("X-Cache")).isEqualTo("MISS");
        assertThat(response.header("Cache-Status")).isEqualTo("response-cache; fwd=stale; stored");
    }
}
