package io.quarkiverse.responsecache.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * What the cache decided for one request, handed from the lookup handler to the handlers that run later in the same
 * request's chain. It travels as a request-context property, because the CDI request scope may be inactive after a
 * resume.
 */
final class CacheExchange {

    static final String PROPERTY = CacheExchange.class.getName();

    enum Outcome {
        /** Not answered from the cache; the response is stored when it qualifies. */
        MISS,
        /** Not handled by the cache (request directives, credentials, a failing store); nothing is stored. */
        BYPASS,
        /** Answered from the cache. */
        HIT
    }

    final ResponseCacheService cache;
    final EndpointPolicy policy;
    /** The entry's key; null when the request bypasses the cache. */
    String key;
    Outcome outcome = Outcome.MISS;
    /** RFC 9211 {@code fwd} parameter of a miss or a bypass: why the request went to the endpoint. */
    String forward = "uri-miss";
    /** RFC 9211 {@code detail} parameter, or null. */
    String detail;
    /** The response a hit replays: fresh, stale, or computed by a concurrent request. */
    CachedResponse replay;
    /** A stale entry that may replace an error of the endpoint (stale-if-error). */
    CachedResponse staleFallback;
    /** Set when this request computes the key for the concurrent requests of this instance that wait for it. */
    CompletableFuture<CachedResponse> flight;
    /** Set when this request holds the distributed lock of its key. */
    String lockToken;
    /** Set when the response is being written to the store, which then releases the lock. */
    boolean storing;

    CacheExchange(ResponseCacheService cache, EndpointPolicy policy) {
        this.cache = cache;
        this.policy = policy;
    }

    void bypass(String forward, String detail) {
        this.outcome = Outcome.BYPASS;
        this.forward = forward;
        this.detail = detail;
    }

    void replay(CachedResponse response, String detail) {
        this.outcome = Outcome.HIT;
        this.replay = response;
        this.detail = detail;
    }

    /** @return whether the response may be stored */
    boolean stores() {
        return outcome == Outcome.MISS && key != null;
    }
}
