package io.quarkiverse.responsecache.runtime.http;

import static io.quarkiverse.responsecache.runtime.TestConfig.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The exact values of {@code X-Cache} and RFC 9211 {@code Cache-Status}. */
class CacheStatusHeadersTest {

    final CacheStatusHeaders defaults = new CacheStatusHeaders(config());

    static List<Map.Entry<String, String>> written(CacheStatusHeaders headers, CacheOutcome outcome, String forward,
            String detail, boolean stored, long ttl) {
        List<Map.Entry<String, String>> written = new ArrayList<>();
        headers.write((name, value) -> written.add(entry(name, value)), outcome, forward, detail, stored, ttl);
        return written;
    }

    @Test
    void aHitSaysItsTtl() {
        assertThat(written(defaults, CacheOutcome.HIT, null, null, false, 42)).containsExactly(
                entry("X-Cache", "HIT"), entry("Cache-Status", "response-cache; hit; ttl=42"));
    }

    @Test
    void aStaleHitSaysANegativeTtlAndWhy() {
        assertThat(written(defaults, CacheOutcome.HIT, null, "stale-while-revalidate", false, -3)).containsExactly(
                entry("X-Cache", "HIT"),
                entry("Cache-Status", "response-cache; hit; ttl=-3; detail=stale-while-revalidate"));
    }

    @Test
    void aHitIsNeverSaidToBeStored() {
        assertThat(written(defaults, CacheOutcome.HIT, "uri-miss", null, true, 0)).containsExactly(
                entry("X-Cache", "HIT"), entry("Cache-Status", "response-cache; hit; ttl=0"));
    }

    @Test
    void aMissSaysWhyItWentToTheEndpointAndWhetherItWasStored() {
        assertThat(written(defaults, CacheOutcome.MISS, "uri-miss", null, true, 0)).containsExactly(
                entry("X-Cache", "MISS"), entry("Cache-Status", "response-cache; fwd=uri-miss; stored"));
        assertThat(written(defaults, CacheOutcome.MISS, "uri-miss", null, false, 0)).containsExactly(
                entry("X-Cache", "MISS"), entry("Cache-Status", "response-cache; fwd=uri-miss"));
        assertThat(written(defaults, CacheOutcome.MISS, "request", null, true, 0)).containsExactly(
                entry("X-Cache", "MISS"), entry("Cache-Status", "response-cache; fwd=request; stored"));
    }

    @Test
    void aBypassSaysWhy() {
        assertThat(written(defaults, CacheOutcome.BYPASS, "bypass", "store-unavailable", false, 0)).containsExactly(
                entry("X-Cache", "BYPASS"),
                entry("Cache-Status", "response-cache; fwd=bypass; detail=store-unavailable"));
        assertThat(written(defaults, CacheOutcome.MISS, "stale", "too-large", true, 0)).containsExactly(
                entry("X-Cache", "MISS"), entry("Cache-Status", "response-cache; fwd=stale; stored; detail=too-large"));
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
        assertThat(written(noXCache, CacheOutcome.MISS, "uri-miss", null, true, 0))
                .containsExactly(entry("Cache-Status", "response-cache; fwd=uri-miss; stored"));
        assertThat(noXCache.isStatusHeader("X-Cache")).isFalse();
        assertThat(noXCache.isStatusHeader("Cache-Status")).isTrue();

        CacheStatusHeaders noCacheStatus = new CacheStatusHeaders(config(
                "quarkus.response-cache.cache-status-header.enabled", "false"));
        assertThat(written(noCacheStatus, CacheOutcome.HIT, null, "detail", false, 7))
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
}
