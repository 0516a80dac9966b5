package io.quarkiverse.responsecache.runtime.entry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Freshness, RFC 9211 ttl and age of an entry, at the millisecond boundaries where they round. */
class CachedResponseTest {

    static final long EXPIRES = 1_800_000_060_000L;
    static final CachedResponse RESPONSE = new CachedResponse(200, EXPIRES, "\"e\"", List.of(), new byte[0]);

    @ParameterizedTest(name = "{0} ms before expiry: {1} s left")
    @CsvSource({ "60000, 60", "59999, 60", "59001, 60", "59000, 59", "1001, 2", "1000, 1", "999, 1", "1, 1", "0, 0",
            "-1, 0", "-999, 0", "-1000, 0", "-600000, 0" })
    void secondsLeftRoundUpAndNeverGoBelowZero(long millisBeforeExpiry, long secondsLeft) {
        assertThat(RESPONSE.secondsLeft(EXPIRES - millisBeforeExpiry)).isEqualTo(secondsLeft);
    }

    @Test
    void aResponseIsFreshUntilItsExpiryExcluded() {
        assertThat(RESPONSE.isFresh(EXPIRES - 60_000)).isTrue();
        assertThat(RESPONSE.isFresh(EXPIRES - 1)).isTrue();
        assertThat(RESPONSE.isFresh(EXPIRES)).isFalse();
        assertThat(RESPONSE.isFresh(EXPIRES + 1)).isFalse();
    }

    @ParameterizedTest(name = "{0} ms before expiry: ttl={1}")
    @CsvSource({ "60000, 60", "59999, 60", "1000, 1", "999, 1", "1, 1", "0, 0", "-1, -1", "-999, -1", "-1000, -1",
            "-1001, -2", "-1999, -2", "-2000, -2", "-2001, -3", "-600000, -600" })
    void ttlRoundsUpWhileFreshAndDownOnceStale(long millisBeforeExpiry, long ttl) {
        assertThat(RESPONSE.ttlSeconds(EXPIRES - millisBeforeExpiry)).isEqualTo(ttl);
    }

    @ParameterizedTest(name = "{0} ms after it was stored: age {1}")
    @CsvSource({ "0, 0", "1, 0", "999, 0", "1000, 1", "1001, 1", "59999, 59", "60000, 60", "61500, 61",
            "-1, 0", "-5000, 0" })
    void ageCountsWholeSecondsSinceTheStoreAndNeverGoesBelowZero(long millisSinceStored, long age) {
        long freshness = 60_000;
        long storedAt = EXPIRES - freshness;
        assertThat(RESPONSE.ageSeconds(storedAt + millisSinceStored, freshness)).isEqualTo(age);
    }

    @Test
    void theAgeIsMeasuredFromExpiryLessFreshness() {
        // the same instant is 10 s after a 60 s entry was stored, 40 s after a 90 s one was
        long now = EXPIRES - 50_000;
        assertThat(RESPONSE.ageSeconds(now, 60_000)).isEqualTo(10);
        assertThat(RESPONSE.ageSeconds(now, 90_000)).isEqualTo(40);
    }

    @Test
    void anEntryThatKnowsItsStoreTimeAgesFromItWhateverTheEndpointsFreshness() {
        CachedResponse response = new CachedResponse(404, 1_000_000 + 30_000, 1_000_000, "\"x\"", List.of(),
                new byte[0]);
        assertThat(response.ageSeconds(1_000_000 + 12_500, 600_000)).isEqualTo(12);
        assertThat(response.expiringAt(1_000_000 + 12_500).ageSeconds(1_000_000 + 20_000, 600_000))
                .as("an expiry cut back keeps the store time").isEqualTo(20);
    }
}
