package io.quarkiverse.responsecache.runtime.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.runtime.http.CacheStatusHeaders;

/**
 * Every rendering of an outcome, from the one enum: its {@code X-Cache} value, its RFC 9211 {@code Cache-Status}
 * outcome and its metrics label. The labels are those dashboards already query, so they must not change.
 */
class CacheOutcomeTest {

    @Test
    void eachOutcomeHasItsXCacheValue() {
        Map<CacheOutcome, String> xCache = new EnumMap<>(CacheOutcome.class);
        for (CacheOutcome outcome : CacheOutcome.values()) {
            xCache.put(outcome, outcome.xCache());
        }
        assertThat(xCache).containsExactlyInAnyOrderEntriesOf(Map.of(CacheOutcome.HIT, "HIT", CacheOutcome.STALE, "HIT",
                CacheOutcome.COALESCED, "HIT", CacheOutcome.MISS, "MISS", CacheOutcome.BYPASS, "BYPASS"));
    }

    @Test
    void theMetricsLabelsAreTheOnesDashboardsUse() {
        assertThat(Arrays.stream(CacheOutcome.values()).map(CacheOutcome::label))
                .containsExactlyInAnyOrder("hit", "stale", "coalesced", "miss", "bypass");
    }

    @Test
    void whatTheCacheAnsweredIsAHitElseAForward() {
        assertThat(Arrays.stream(CacheOutcome.values()).filter(CacheOutcome::answeredFromCache))
                .containsExactlyInAnyOrder(CacheOutcome.HIT, CacheOutcome.STALE, CacheOutcome.COALESCED);
        assertThat(status(CacheOutcome.HIT)).isEqualTo("hit; ttl=7");
        assertThat(status(CacheOutcome.STALE)).isEqualTo("hit; ttl=7");
        assertThat(status(CacheOutcome.COALESCED)).isEqualTo("hit; ttl=7");
        assertThat(status(CacheOutcome.MISS)).isEqualTo("fwd=uri-miss");
        assertThat(status(CacheOutcome.BYPASS)).isEqualTo("fwd=bypass");
        assertThat(CacheOutcome.HIT.defaultForward()).isNull();
    }

    @Test
    void forwardsAndDetailsAreRfc9211Tokens() {
        assertThat(Arrays.stream(CacheForward.values()).map(CacheForward::token))
                .containsExactly("bypass", "uri-miss", "request", "stale");
        for (CacheDetail detail : CacheDetail.values()) {
            // sf-token: starts with ALPHA or "*", then tchar / ":" / "/"
            assertThat(detail.token()).matches("[a-z*][a-z0-9!#$%&'*+.^_`|~:/-]*");
        }
        assertThat(CacheDetail.WRITES_UNAVAILABLE.token()).isEqualTo("writes-unavailable");
        assertThat(CacheDetail.STORE_UNAVAILABLE.token()).isEqualTo("store-unavailable");
    }

    private static String status(CacheOutcome outcome) {
        return CacheStatusHeaders.parameters(new StringBuilder(), outcome, null, null, false, 7).toString();
    }
}
