package io.quarkiverse.responsecache.test.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.ScriptedStore.Behaviour;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;

/**
 * A store that fails, answers late or never answers, injected as the application's store (the outages of a real
 * Redis process are {@link StoreOutageTest}'s): every request is still answered by the endpoint, none waits much
 * longer than the lookup timeout, and a write never delays a response. The breaker is kept out of the way (a high
 * threshold) so each request meets the store.
 */
class BrokenStoreTest {

    static final Duration LOOKUP_TIMEOUT = Duration.ofMillis(300);
    /** The timeout plus room for a busy machine; far below what waiting for the store would take (forever). */
    static final Duration LATENCY_BOUND = LOOKUP_TIMEOUT.plusSeconds(3);

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.withoutRedis("broken-store-test")
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.response-cache.lookup-timeout", LOOKUP_TIMEOUT.toMillis() + "ms")
            .overrideConfigKey("quarkus.response-cache.write-timeout", LOOKUP_TIMEOUT.toMillis() + "ms")
            .overrideConfigKey("quarkus.response-cache.circuit-breaker.failure-threshold", "1000000")
            .withApplicationRoot(root -> root.addClasses(CountingResource.class, ScriptedStore.class, Await.class));

    @Inject
    ScriptedStore store;

    @Test
    void aLookupThatNeverAnswersIsBypassedAtTheLookupTimeout() throws Exception {
        store.script(Behaviour.HANG, Behaviour.HANG);
        assertBypassedWithinTheBudget("/counting/" + Await.unique(), true);
        assertThat(store.gets()).isEqualTo(1);
        assertThat(store.puts()).as("a bypassed response is not stored").isZero();
    }

    @Test
    void aLookupAnsweredAfterTheTimeoutIsBypassedAtTheTimeout() throws Exception {
        store.script(Behaviour.SLOW, Behaviour.SLOW);
        assertBypassedWithinTheBudget("/counting/" + Await.unique(), true);
    }

    @Test
    void aFailingLookupIsBypassedAtOnce() throws Exception {
        store.script(Behaviour.FAIL, Behaviour.FAIL);
        String path = "/counting/" + Await.unique();
        String first = assertBypassedWithinTheBudget(path, false);
        assertThat(assertBypassedWithinTheBudget(path, false)).as("the endpoint runs each time").isNotEqualTo(first);
    }

    /**
     * A miss writes twice: its claim before the endpoint runs (bounded by the lookup timeout, like a lookup), and its
     * entry after (never waited for). A store whose writes never answer costs a miss the lookup timeout, once, and
     * nothing is stored.
     */
    @Test
    void aWriteThatNeverAnswersDelaysAMissByAtMostTheLookupTimeout() throws Exception {
        store.script(Behaviour.EMPTY, Behaviour.HANG);
        String path = "/counting/" + Await.unique();
        long start = System.nanoTime();
        HttpResponse<String> response = get(path);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Cache")).contains("MISS");
        assertThat(response.body()).startsWith("value-");
        assertThat(store.claims()).isEqualTo(1);
        assertThat(store.puts()).as("no claim, nothing stored").isZero();
        assertThat(took).as("the claim waited at most the lookup timeout").isLessThan(LATENCY_BOUND);
    }

    /**
     * @param waits whether the store keeps the request waiting (so it takes at least the lookup timeout)
     * @return the body the endpoint answered
     */
    static String assertBypassedWithinTheBudget(String path, boolean waits) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = get(path);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("value-");
        assertThat(response.headers().firstValue("X-Cache")).contains("BYPASS");
        assertThat(response.headers().firstValue("Cache-Status"))
                .contains("response-cache; fwd=bypass; detail=store-unavailable");
        assertThat(took).as("request time").isLessThan(LATENCY_BOUND);
        if (waits) {
            assertThat(took).as("request time").isGreaterThanOrEqualTo(LOOKUP_TIMEOUT);
        }
        return response.body();
    }

    /** With a client timeout of its own, so a request the cache never lets go fails the test instead of hanging it. */
    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
