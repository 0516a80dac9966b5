package io.quarkiverse.responsecache.runtime.observe;

import java.util.Locale;

/** What the cache did with one request, as metrics and traces name it. */
public enum RequestOutcome {
    /** A fresh entry answered. */
    HIT,
    /** The endpoint computed the response. */
    MISS,
    /** An entry past its freshness answered (stale-while-revalidate, stale-if-error). */
    STALE,
    /** The cache was not used (request directives, credentials, store unavailable). */
    BYPASS,
    /** The response another request computed for the same key answered. */
    COALESCED;

    private final String tagValue = name().toLowerCase(Locale.ROOT);

    /** @return the lower-case name used as a tag and attribute value */
    public String tagValue() {
        return tagValue;
    }

    /** @return whether the response came from the cache, i.e. a {@code cache.gets} hit */
    public boolean answeredFromCache() {
        return this == HIT || this == STALE || this == COALESCED;
    }
}
