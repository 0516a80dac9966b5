package io.quarkiverse.responsecache.runtime.http;

import static io.quarkiverse.responsecache.runtime.TestConfig.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.runtime.observe.CacheDetail;
import io.quarkiverse.responsecache.runtime.observe.CacheForward;
import io.quarkiverse.responsecache.runtime.observe.CacheOutcome;

/** The exact values of {@code X-Cache} and RFC 9211 {@code Cache-Status}. */
class CacheStatusHeadersTest {

    final CacheStatusHeaders defaults = new CacheStatusHeaders(config());

    static final String KEY = "response-cache:products:n0tAr3alHash";

    static List<Map.Entry<String, String>> written(CacheStatusHeaders headers, CacheOutcome outcome,
            CacheForward forward, CacheDetail detail, boolean stored, long ttl) {
        return written(headers, outcome, forward, detail, stored, ttl, KEY);
    }

    static List<Map.Entry<String, String>> written(CacheStatusHeaders headers, CacheOutcome outcome,
            CacheForward forward, CacheDetail detail, boolean stored, long ttl, String key) {
        List<Map.Entry<String, String>> written = new ArrayList<>();
        headers.write((name, value) -> written.add(entry(name, value)), outcome, forward, detail, stored, ttl, key);
        return written;
    }

    @Test
    void aHitSaysItsTtl() {
        assertThat(written(defaults, CacheOutcome.HIT, null, null, false, 42)).containsExactly(
                entry("X-Cache", "HIT"), entry("Cache-Status", "response-cache; hit; ttl=42"));
    }

    @Test
    void aStaleHitSaysANegativeTtlAndWhy() {
        assertThat(written(defaults, CacheOutcome.STALE, null, CacheDetail.STALE, false, -3)).containsExactly(
                entry("X-Cache", "HIT"),
                entry("Cache-Status", "response-cache; hit; ttl=-3; detail=stale"));
    }

    @Test
    void aHitIsNeverSaidToBeStored() {
        assertThat(written(defaults, CacheOutcome.HIT, CacheForward.URI_MISS, null, true, 0)).containsExactly(
                entry("X-Cache", "HIT"), entry("Cache-Status", "response-cache; hit; ttl=0"));
    }

    @Test
    void aMissSaysWhyItWentToTheEndpointAndWhetherItWasStored() {
        assertThat(written(defaults, CacheOutcome.MISS, CacheForward.URI_MISS, CacheDetail.ABSENT, true, 0))
                .containsExactly(entry("X-Cache", "MISS"),
                        entry("Cache-Status", "response-cache; fwd=uri-miss; stored; detail=absent"));
        assertThat(written(defaults, CacheOutcome.MISS, CacheForward.URI_MISS, CacheDetail.EVICTED, false, 0))
                .containsExactly(entry("X-Cache", "MISS"),
                        entry("Cache-Status", "response-cache; fwd=uri-miss; detail=evicted"));
        assertThat(written(defaults, CacheOutcome.MISS, CacheForward.REQUEST, CacheDetail.REQUEST_NO_CACHE, true, 0))
                .containsExactly(entry("X-Cache", "MISS"),
                        entry("Cache-Status", "response-cache; fwd=request; stored; detail=request-no-cache"));
    }

    @Test
    void aBypassSaysWhy() {
        assertThat(written(defaults, CacheOutcome.BYPASS, CacheForward.BYPASS, CacheDetail.STORE_UNAVAILABLE, false,
                0)).containsExactly(entry("X-Cache", "BYPASS"),
                        entry("Cache-Status", "response-cache; fwd=bypass; detail=store-unavailable"));
        assertThat(written(defaults, CacheOutcome.BYPASS, CacheForward.REQUEST, CacheDetail.REQUEST_NO_STORE, false,
                0)).containsExactly(entry("X-Cache", "BYPASS"),
                        entry("Cache-Status", "response-cache; fwd=request; detail=request-no-store"));
        assertThat(written(defaults, CacheOutcome.MISS, CacheForward.STALE, CacheDetail.EXPIRED, true, 0))
                .containsExactly(entry("X-Cache", "MISS"),
                        entry("Cache-Status", "response-cache; fwd=stale; stored; detail=expired"));
    }

    @Test
    void withoutAForwardTheOutcomesOwnIsWritten() {
        assertThat(written(defaults, CacheOutcome.MISS, null, CacheDetail.ABSENT, false, 0)).containsExactly(
                entry("X-Cache", "MISS"), entry("Cache-Status", "response-cache; fwd=uri-miss; detail=absent"));
        assertThat(written(defaults, CacheOutcome.BYPASS, null, CacheDetail.CREDENTIALS, false, 0)).containsExactly(
                entry("X-Cache", "BYPASS"), entry("Cache-Status", "response-cache; fwd=bypass; detail=credentials"));
    }

    @Test
    void everyHitKindSaysHitAndItsDetail() {
        assertThat(written(defaults, CacheOutcome.COALESCED, null, CacheDetail.COALESCED, false, 60)).containsExactly(
                entry("X-Cache", "HIT"), entry("Cache-Status", "response-cache; hit; ttl=60; detail=coalesced"));
        assertThat(written(defaults, CacheOutcome.STALE, null, CacheDetail.STALE_IF_ERROR, false, -1))
                .containsExactly(entry("X-Cache", "HIT"),
                        entry("Cache-Status", "response-cache; hit; ttl=-1; detail=stale-if-error"));
    }

    @Test
    void theKeyIsWrittenOnlyWhenAskedFor() {
        assertThat(written(defaults, CacheOutcome.HIT, null, null, false, 42))
                .as("off by default: a key may reveal its inputs")
                .containsExactly(entry("X-Cache", "HIT"), entry("Cache-Status", "response-cache; hit; ttl=42"));
        CacheStatusHeaders withKey = new CacheStatusHeaders(config(
                "quarkus.response-cache.cache-status-header.include-key", "true"));
        assertThat(written(withKey, CacheOutcome.HIT, null, CacheDetail.NEAR, false, 42)).containsExactly(
                entry("X-Cache", "HIT"),
                entry("Cache-Status", "response-cache; hit; ttl=42; detail=near; key=\"" + KEY + "\""));
        assertThat(written(withKey, CacheOutcome.BYPASS, CacheForward.BYPASS, CacheDetail.CREDENTIALS, false, 0,
                null)).as("a bypass before keying has no key").containsExactly(entry("X-Cache", "BYPASS"),
                        entry("Cache-Status", "response-cache; fwd=bypass; detail=credentials"));
    }

    @Test
    void aKeyIsAnEscapedStructuredString() {
        StringBuilder value = new StringBuilder();
        CacheStatusHeaders.appendKey(value, "app:\"quoted\":back\\slash");
        assertThat(value.toString()).isEqualTo("; key=\"app:\\\"quoted\\\":back\\\\slash\"");
        StringBuilder unprintable = new StringBuilder();
        CacheStatusHeaders.appendKey(unprintable, "app:caf\u00e9");
        CacheStatusHeaders.appendKey(unprintable, "app:line\nbreak");
        assertThat(unprintable.toString()).as("an sf-string holds printable ASCII only").isEmpty();
    }

    @Test
    void theNamesAreConfigurable() {
        CacheStatusHeaders named = new CacheStatusHeaders(config(
                "quarkus.response-cache.x-cache-header.name", "X-Edge-Cache",
                "quarkus.response-cache.cache-status-header.cache-name", "shop"));
        assertThat(written(named, CacheOutcome.HIT, null, null, false, 5)).containsExactly(
                entry("X-Edge-Cache", "HIT"), entry("Cache-Status", "shop; hit; ttl=5"));
        assertThat(named.isStatusHeader("x-edge-cache")).isTrue();
        assertThat(named.isStatusHeader("X-Cache")).isFalse();
        assertThat(named.isStatusHeader("cache-status")).isTrue();
    }

    @Test
    void eachHeaderCanBeTurnedOff() {
        CacheStatusHeaders noXCache = new CacheStatusHeaders(config(
                "quarkus.response-cache.x-cache-header.enabled", "false"));
        assertThat(written(noXCache, CacheOutcome.MISS, CacheForward.URI_MISS, CacheDetail.ABSENT, true, 0))
                .containsExactly(entry("Cache-Status", "response-cache; fwd=uri-miss; stored; detail=absent"));
        assertThat(noXCache.isStatusHeader("X-Cache")).isFalse();
        assertThat(noXCache.isStatusHeader("Cache-Status")).isTrue();

        CacheStatusHeaders noCacheStatus = new CacheStatusHeaders(config(
                "quarkus.response-cache.cache-status-header.enabled", "false"));
        assertThat(written(noCacheStatus, CacheOutcome.HIT, null, CacheDetail.NEAR, false, 7))
                .containsExactly(entry("X-Cache", "HIT"));
        assertThat(noCacheStatus.isStatusHeader("X-Cache")).isTrue();
        assertThat(noCacheStatus.isStatusHeader("Cache-Status")).isFalse();

        CacheStatusHeaders neither = new CacheStatusHeaders(config(
                "quarkus.response-cache.x-cache-header.enabled", "false",
                "quarkus.response-cache.cache-status-header.enabled", "false"));
        assertThat(written(neither, CacheOutcome.HIT, null, null, false, 7)).isEmpty();
        assertThat(neither.isStatusHeader("X-Cache")).isFalse();
        assertThat(neither.isStatusHeader("Cache-Status")).isFalse();
    }

    @Test
    void statusHeadersAreRecognisedWhateverTheirCase() {
        assertThat(defaults.isStatusHeader("X-Cache")).isTrue();
        assertThat(defaults.isStatusHeader("x-cache")).isTrue();
        assertThat(defaults.isStatusHeader("CACHE-STATUS")).isTrue();
        assertThat(defaults.isStatusHeader("Cache-Control")).isFalse();
        assertThat(defaults.isStatusHeader("X-Cache-Status")).isFalse();
        assertThat(defaults.isStatusHeader("response-cache")).as("the cache's name is not a header").isFalse();
    }

    @Test
    void aValueIsRenderedOnceForTheRequestsThatShareIt() {
        String first = written(defaults, CacheOutcome.HIT, null, CacheDetail.NEAR, false, 42).get(1).getValue();
        String again = written(defaults, CacheOutcome.HIT, null, CacheDetail.NEAR, false, 42).get(1).getValue();
        assertThat(again).isEqualTo("response-cache; hit; ttl=42; detail=near").isSameAs(first);
    }

    @Test
    void aRememberedValueNeverAnswersForAnotherOutcomeTtlOrDetail() {
        CacheForward[] forwards = { null, CacheForward.URI_MISS, CacheForward.REQUEST };
        CacheDetail[] details = { null, CacheDetail.NEAR, CacheDetail.STALE, CacheDetail.ABSENT };
        // twice over every combination, more of them than there are remembered values: each gets its own
        for (int round = 0; round < 2; round++) {
            for (long ttl = -70; ttl <= 70; ttl += 7) {
                for (CacheOutcome outcome : CacheOutcome.values()) {
                    for (CacheForward forward : forwards) {
                        for (CacheDetail detail : details) {
                            for (boolean stored : new boolean[] { false, true }) {
                                String expected = CacheStatusHeaders.parameters(
                                        new StringBuilder("response-cache; "), outcome, forward, detail, stored, ttl)
                                        .toString();
                                assertThat(written(defaults, outcome, forward, detail, stored, ttl).get(1))
                                        .isEqualTo(entry("Cache-Status", expected));
                            }
                        }
                    }
                }
            }
        }
    }
}
