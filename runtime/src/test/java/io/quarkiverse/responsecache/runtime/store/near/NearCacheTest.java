package io.quarkiverse.responsecache.runtime.store.near;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.entry.CachedResponseCodec;
import io.quarkiverse.responsecache.runtime.time.FakeClock;

/** The near tier's rules: what it keeps, when it answers, and which races leave nothing behind. */
class NearCacheTest {

    static final String KEY = "app:products:abc";

    final FakeClock clock = new FakeClock();
    final NearCache near = new NearCache("app:", 1_000_000, Duration.ofSeconds(30).toMillis(), clock);

    @BeforeEach
    void notificationsArrive() {
        near.enable();
    }

    byte[] entry(String body, Duration freshFor) {
        return CachedResponseCodec.encode(new CachedResponse(200, clock.currentTimeMillis() + freshFor.toMillis(),
                "\"e1\"", List.of(Map.entry("Content-Type", "text/plain")), body.getBytes(StandardCharsets.UTF_8)));
    }

    static String body(CachedResponse response) {
        return response == null ? null : new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aReadValueIsKeptAndAnswered() {
        Object reservation = near.reserve(KEY);
        near.fill(KEY, reservation, entry("one", Duration.ofSeconds(60)));

        assertThat(body(near.hit(KEY))).isEqualTo("one");
        assertThat(near.entries()).isEqualTo(1);
        assertThat(near.bytes()).isGreaterThan(3);
    }

    @Test
    void aChangeNotifiedWhileTheGetIsInFlightDiscardsItsValue() {
        Object reservation = near.reserve(KEY);
        near.invalidate(KEY);
        near.fill(KEY, reservation, entry("read before the change", Duration.ofSeconds(60)));

        assertThat(near.hit(KEY)).isNull();
    }

    @Test
    void aFlushWhileTheGetIsInFlightDiscardsItsValue() {
        Object reservation = near.reserve(KEY);
        near.flush();
        near.fill(KEY, reservation, entry("read before the flush", Duration.ofSeconds(60)));

        assertThat(near.hit(KEY)).isNull();
    }

    @Test
    void onlyTheLatestReservationOfAKeyIsFilled() {
        Object first = near.reserve(KEY);
        Object second = near.reserve(KEY);
        near.fill(KEY, first, entry("first", Duration.ofSeconds(60)));
        assertThat(near.hit(KEY)).isNull();

        near.fill(KEY, second, entry("second", Duration.ofSeconds(60)));
        assertThat(body(near.hit(KEY))).isEqualTo("second");
    }

    @Test
    void aNotifiedChangeDropsTheCopy() {
        near.fill(KEY, near.reserve(KEY), entry("one", Duration.ofSeconds(60)));
        near.invalidate(KEY);

        assertThat(near.hit(KEY)).isNull();
    }

    @Test
    void whileNotificationsMayBeMissedNothingIsKeptOrAnswered() {
        near.fill(KEY, near.reserve(KEY), entry("one", Duration.ofSeconds(60)));
        Object inFlight = near.reserve(KEY);

        near.disable();
        assertThat(near.coherent()).isFalse();
        assertThat(near.hit(KEY)).isNull();
        assertThat(near.reserve(KEY)).isNull();

        near.enable();
        near.fill(KEY, inFlight, entry("read before the outage", Duration.ofSeconds(60)));
        assertThat(near.hit(KEY)).as("a GET sent before the outage fills nothing after it").isNull();
    }

    @Test
    void aCopyAnswersUntilTheEntryIsStale() {
        near.fill(KEY, near.reserve(KEY), entry("one", Duration.ofSeconds(10)));

        clock.advance(Duration.ofMillis(9_999));
        assertThat(body(near.hit(KEY))).isEqualTo("one");
        clock.advance(Duration.ofMillis(1));
        assertThat(near.hit(KEY)).isNull();
    }

    @Test
    void aCopyAnswersAtMostMaxTtlAfterItWasRead() {
        near.fill(KEY, near.reserve(KEY), entry("one", Duration.ofSeconds(600)));

        clock.advance(Duration.ofMillis(29_999));
        assertThat(body(near.hit(KEY))).isEqualTo("one");
        clock.advance(Duration.ofMillis(1));
        assertThat(near.hit(KEY)).isNull();
    }

    @Test
    void staleUndecodableOrMissingValuesAreNotKept() {
        near.fill(KEY, near.reserve(KEY), entry("stale", Duration.ZERO));
        assertThat(near.hit(KEY)).isNull();

        near.fill(KEY, near.reserve(KEY), "garbage".getBytes(StandardCharsets.UTF_8));
        assertThat(near.hit(KEY)).isNull();

        near.fill(KEY, near.reserve(KEY), null);
        assertThat(near.hit(KEY)).isNull();
        assertThat(near.entries()).isZero();
    }

    @Test
    void keysOutsideTheNotifiedPrefixAreNeverKept() {
        assertThat(near.reserve("other:products:abc")).isNull();
        assertThat(near.reserve("app#tag:products")).isNull();
    }

    @Test
    void theTierIsBoundedInBytes() {
        NearCache small = new NearCache("app:", 10_000, Duration.ofSeconds(30).toMillis(), clock);
        small.enable();
        String body = "x".repeat(3_000);
        for (int i = 0; i < 20; i++) {
            String key = "app:products:" + i;
            small.fill(key, small.reserve(key), entry(body, Duration.ofSeconds(60)));
        }

        assertThat(small.bytes()).isLessThanOrEqualTo(10_000);
        assertThat(small.entries()).isLessThanOrEqualTo(3);
    }

    @Test
    void aLargeCopyAlsoKeepsItsBodyOutsideTheHeapAndWeighsItTwice() {
        String large = "y".repeat(NearCache.DIRECT_BODY_MIN_BYTES);
        near.fill(KEY, near.reserve(KEY), entry(large, Duration.ofSeconds(60)));
        CachedResponse copy = near.hit(KEY);

        ByteBuffer direct = copy.directBody();
        assertThat(direct).isNotNull();
        assertThat(direct.isDirect()).isTrue();
        byte[] written = new byte[direct.remaining()];
        direct.duplicate().get(written);
        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(large);
        assertThat(near.bytes()).isGreaterThan(2L * large.length());

        String small = "z".repeat(NearCache.DIRECT_BODY_MIN_BYTES - 1);
        near.fill(KEY, near.reserve(KEY), entry(small, Duration.ofSeconds(60)));
        assertThat(near.hit(KEY).directBody()).as("a small body is copied as cheaply as it is written").isNull();
    }

    @Test
    void aFailedGetLeavesNoReservation() {
        Object reservation = near.reserve(KEY);
        near.release(KEY, reservation);

        assertThat(near.entries()).isZero();
    }
}
