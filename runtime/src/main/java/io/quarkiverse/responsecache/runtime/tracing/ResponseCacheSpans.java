package io.quarkiverse.responsecache.runtime.tracing;

import jakarta.inject.Singleton;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.quarkiverse.responsecache.runtime.observe.CacheOutcome;
import io.quarkiverse.responsecache.spi.ResponseCacheObserver;

/**
 * Tells the request's server span what the cache did, and records an event when a stale response is served: what an
 * operator looks for when users report old data.
 */
@Singleton
public class ResponseCacheSpans implements ResponseCacheObserver {

    static final AttributeKey<Boolean> HIT = AttributeKey.booleanKey("cache.hit");
    static final AttributeKey<String> NAME = AttributeKey.stringKey("cache.name");
    static final AttributeKey<String> STATUS = AttributeKey.stringKey("cache.status");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("cache.outcome");
    static final AttributeKey<String> TIER = AttributeKey.stringKey("cache.tier");
    static final AttributeKey<Long> AGE = AttributeKey.longKey("cache.age");
    static final String STALE_SERVED = "cache.stale_served";

    @Override
    public void answered(String endpoint, CacheOutcome outcome, String tier, String cacheStatus, long ageSeconds) {
        Span span = Span.current();
        if (!span.isRecording()) {
            return;
        }
        span.setAttribute(HIT, outcome.answeredFromCache());
        span.setAttribute(NAME, endpoint);
        span.setAttribute(STATUS, cacheStatus);
        span.setAttribute(OUTCOME, outcome.label());
        span.setAttribute(TIER, tier);
        if (ageSeconds >= 0) {
            span.setAttribute(AGE, ageSeconds);
        }
        if (outcome == CacheOutcome.STALE) {
            span.addEvent(STALE_SERVED, Attributes.of(NAME, endpoint, STATUS, cacheStatus, AGE, ageSeconds));
        }
    }
}
