package io.quarkiverse.responsecache.runtime.http;

/** What the cache did with a request, as its status headers say it. */
public enum CacheOutcome {
    /** Not answered from the cache; the response is stored when it qualifies. */
    MISS,
    /** Not handled by the cache (request directives, credentials, a failing store); nothing is stored. */
    BYPASS,
    /** Answered from the cache. */
    HIT
}
