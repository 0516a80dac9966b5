package io.quarkiverse.responsecache.test.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.restassured.response.Response;

/**
 * Entries are written without delaying the response, so tests that look at them wait for them (Awaitility) instead
 * of assuming they are already there. The wait ends as soon as the condition holds; its bound only decides how long a
 * broken build takes to say so, so it is generous for a busy machine.
 * <p>
 * A request that arrives while a miss's entry is still being written gets the miss's own response ({@code HIT} with
 * {@code detail=coalesced}): that proves nothing is in the store yet. So waiting for an entry means waiting for a hit
 * that the store answered, and a test that goes on to evict, expire or inspect the entry finds it there.
 */
public final class Await {

    /** How long a condition may take to hold. */
    public static final Duration AT_MOST = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private Await() {
    }

    /** @return an id no earlier test run used, so a shared Redis never answers with an old entry */
    public static String unique() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
    }

    /**
     * @return how these tests wait: first look at once, then every 20 ms, at most {@link #AT_MOST}, on the test's own
     *         thread (the Redis test client and REST Assured are used from test threads)
     */
    public static ConditionFactory awaiting(String what) {
        return Awaitility.await(what).atMost(AT_MOST).pollDelay(Duration.ZERO).pollInterval(POLL_INTERVAL)
                .pollInSameThread();
    }

    /** @return the key of the entry under {@code prefix} whose body is {@code body}, once it is written */
    public static String entryKeyHolding(RedisTestClient redis, String prefix, String body) {
        return awaiting("an entry under " + prefix + " holding " + body)
                .until(() -> keyHolding(redis, prefix, body), Objects::nonNull);
    }

    private static String keyHolding(RedisTestClient redis, String prefix, String body) {
        for (String key : redis.keys(prefix + ":*")) {
            Object value = redis.command("GET", key);
            if (value instanceof String text && text.endsWith("\n" + body)) {
                return key;
            }
        }
        return null;
    }

    /** Waits until {@code path} is answered from the store with {@code expected}. */
    public static void cachedBody(String path, String expected) {
        cachedBody(path, expected, "X-Cache");
    }

    /**
     * Waits until {@code path} is answered from the store with {@code expected}, the short cache status in that
     * header.
     */
    public static void cachedBody(String path, String expected, String cacheStatusHeader) {
        awaiting(path + " answered from the store").untilAsserted(() -> {
            Response response = given().get(path);
            assertStoreHit(path, response, cacheStatusHeader);
            assertThat(response.asString()).as(path + " body").isEqualTo(expected);
        });
    }

    /** Sends {@code request} until the store answers it. @return that hit */
    public static Response hit(String what, Supplier<Response> request) {
        AtomicReference<Response> hit = new AtomicReference<>();
        awaiting(what + " answered from the store").untilAsserted(() -> {
            Response response = request.get();
            assertStoreHit(what, response, "X-Cache");
            hit.set(response);
        });
        return hit.get();
    }

    private static void assertStoreHit(String what, Response response, String cacheStatusHeader) {
        assertThat(response.header(cacheStatusHeader)).as(what + " " + cacheStatusHeader).isEqualTo("HIT");
        String cacheStatus = response.header("Cache-Status");
        if (cacheStatus != null) {
            assertThat(cacheStatus).as(what + " Cache-Status: not a miss's response handed over before its write")
                    .doesNotContain("detail=coalesced");
        }
    }
}
