package io.quarkiverse.responsecache.test.near;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.awaitility.Awaitility;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.restassured.response.Response;

/** How the near cache tests wait for a near hit, and check the coherence promise after a change. */
final class NearHits {

    /** The coherence promise: any change reaches every instance's near cache within this. */
    static final Duration NOTIFICATION_BOUND = Duration.ofMillis(100);

    private NearHits() {
    }

    /** @return the near cache's hit, once a hit read from Redis was kept */
    static Response awaitNearHit(String path, String body) {
        AtomicReference<Response> hit = new AtomicReference<>();
        Await.awaiting(path + " answered from the near cache").untilAsserted(() -> {
            Response response = given().get(path);
            assertThat(response.asString()).isEqualTo(body);
            assertThat(response.header("Cache-Status")).contains("detail=near");
            hit.set(response);
        });
        return hit.get();
    }

    /**
     * The near cache stays off: {@code path} is cached in Redis, and every hit is answered from there, never from this
     * process's memory.
     */
    static void assertCachedButNeverAnsweredFromMemory(String path) {
        String body = given().get(path).asString();
        Await.cachedBody(path, body);
        for (int i = 0; i < 20; i++) {
            Response hit = given().get(path);
            assertThat(hit.asString()).isEqualTo(body);
            assertThat(hit.header("Cache-Status")).doesNotContain("detail=near");
        }
    }

    /**
     * @param why what the warning's reason contains
     * @return what a test application's log must hold: one warning of the cache ({@link #isCacheWarning}), that the
     *         near cache stays off
     */
    static Consumer<List<LogRecord>> oneWarningThatTheNearCacheStaysOff(String why) {
        return records -> assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.getMessage()).contains("the near cache stays off");
            assertThat(record.getParameters()).singleElement().asString().contains(why);
        });
    }

    /** @return whether a log record is a warning (or worse) of the cache: what the tests above capture */
    static boolean isCacheWarning(LogRecord record) {
        return record.getLoggerName().startsWith("io.quarkiverse.responsecache")
                && record.getLevel().intValue() >= Level.WARNING.intValue();
    }

    /**
     * Lets the notification bound pass (a wait for time itself, not for a condition), then asks once.
     *
     * @return the body computed anew
     */
    static String assertNotStaleAfterTheBound(String path, String staleBody) {
        waitOutTheNotificationBound();
        Response response = given().get(path);
        assertThat(response.asString()).as("the response " + NOTIFICATION_BOUND.toMillis() + " ms after the change")
                .isNotEqualTo(staleBody);
        assertThat(response.header("X-Cache")).as(response.header("Cache-Status")).isEqualTo("MISS");
        return response.asString();
    }

    /** Waits for {@link #NOTIFICATION_BOUND} from now: a wait for time itself, not for a condition. */
    static void waitOutTheNotificationBound() {
        long changed = System.nanoTime();
        Awaitility.await().pollDelay(NOTIFICATION_BOUND).atMost(Await.AT_MOST)
                .until(() -> System.nanoTime() - changed >= NOTIFICATION_BOUND.toNanos());
    }

    /**
     * After the cache's own pooled connections were killed too: a request may pick a dead connection before the client
     * has seen it close, and then goes to the endpoint without the cache ({@code BYPASS}, fail-open), which is right.
     * Asks at once, then until a miss stores {@code path} again; no answer on the way may be {@code staleBody}.
     *
     * @return the body stored anew
     */
    static String assertNotStaleUntilMissedThroughLiveConnections(String path, String staleBody) {
        List<Response> answers = new ArrayList<>();
        Await.awaiting(path + " missed through a live connection").until(() -> {
            Response response = given().get(path);
            answers.add(response);
            return "MISS".equals(response.header("X-Cache"));
        });
        assertThat(answers).allSatisfy(response -> {
            assertThat(response.asString()).as("an answer once the copy is gone").isNotEqualTo(staleBody);
            assertThat(response.header("X-Cache")).as(response.header("Cache-Status")).isIn("MISS", "BYPASS");
        });
        return answers.get(answers.size() - 1).asString();
    }
}
