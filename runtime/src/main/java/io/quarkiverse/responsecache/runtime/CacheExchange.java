package io.quarkiverse.responsecache.runtime;

/**
 * What the lookup decided for one request, handed from the lookup handler to the handlers that run later in the
 * same request's chain (as a request-context property, because the request scope may be inactive after a resume).
 */
final class CacheExchange {

    static final String PROPERTY = CacheExchange.class.getName();

    enum Outcome {
        /** Not answered from the cache; the response is stored when it qualifies. */
        MISS,
        /** The store could not be asked; the response is served as if uncached and not stored. */
        BYPASS,
        /** Answered from the cache. */
        HIT
    }

    final String key;
    Outcome outcome;
    CachedResponse hit;

    CacheExchange(String key, Outcome outcome) {
        this.key = key;
        this.outcome = outcome;
    }
}
