package io.quarkiverse.responsecache.runtime.observe;

import java.util.Locale;

/**
 * What the cache did with one request, with every rendering of it: the {@code X-Cache} value, the RFC 9211
 * {@code Cache-Status} outcome (a {@code hit}, else the {@code fwd} parameter of a miss or a bypass) and the label of
 * metrics and traces. One closed set, so nothing is parsed back from a header.
 */
public enum CacheOutcome {
    /** A fresh entry answered. */
    HIT("HIT"),
    /** An entry past its freshness answered (stale-while-revalidate, stale-if-error). */
    STALE("HIT"),
    /** The response another request computed for the same key answered. */
    COALESCED("HIT"),
    /** The endpoint computed the response; it is stored when it qualifies. */
    MISS("MISS"),
    /** The cache was not used (request directives, credentials, store unavailable); nothing is stored. */
    BYPASS("BYPASS");

    private final String xCache;
    private final String label = name().toLowerCase(Locale.ROOT);

    CacheOutcome(String xCache) {
        this.xCache = xCache;
    }

    /** @return the {@code X-Cache} value: {@code HIT}, {@code MISS} or {@code BYPASS} */
    public String xCache() {
        return xCache;
    }

    /** @return the lower-case name: the {@code outcome} tag of metrics, the {@code cache.outcome} span attribute */
    public String label() {
        return label;
    }

    /** @return whether the response came from the cache, i.e. a {@code cache.gets} hit and a {@code Cache-Status} hit */
    public boolean answeredFromCache() {
        return this == HIT || this == STALE || this == COALESCED;
    }

    /**
     * @return the RFC 9211 {@code fwd} a request with this outcome has unless it is told otherwise: {@code uri-miss}
     *         for a miss, {@code bypass} for a bypass, none for what the cache answered
     */
    public CacheForward defaultForward() {
        return this == MISS ? CacheForward.URI_MISS : this == BYPASS ? CacheForward.BYPASS : null;
    }
}
