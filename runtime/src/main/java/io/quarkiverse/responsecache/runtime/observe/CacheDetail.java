package io.quarkiverse.responsecache.runtime.observe;

/**
 * The RFC 9211 {@code detail} values: exactly why a request missed or bypassed, and how a hit that was not a plain
 * fresh entry was answered. A fresh hit from the store has none. Each is an sf-token; the table is in the docs.
 */
public enum CacheDetail {
    // hits
    /** Answered from this instance's near cache. */
    NEAR("near"),
    /** A stale entry answered while it is refreshed (stale-while-revalidate). */
    STALE("stale"),
    /** A stale entry replaced an error of the endpoint (stale-if-error). */
    STALE_IF_ERROR("stale-if-error"),
    /** Answered by the response another request computed for the same key. */
    COALESCED("coalesced"),
    // misses
    /** The store holds nothing under the key. */
    ABSENT("absent"),
    /** An eviction (invalidation, purge) removed the entry recently: its tombstone is still there. */
    EVICTED("evicted"),
    /** Another computation claimed the key and has not stored its response yet. */
    CLAIMED("claimed"),
    /** The key held something that is not a usable entry (damaged, forged, or breaking the entry rules). */
    INVALID("invalid"),
    /** The entry is past its freshness and may not be served stale. */
    EXPIRED("expired"),
    /** This instance's own background refresh of a stale entry. */
    BACKGROUND_REFRESH("background-refresh"),
    /** The request said {@code Cache-Control: no-cache}: computed and stored anew. */
    REQUEST_NO_CACHE("request-no-cache"),
    /** The store refuses writes (its writes' breaker is open, or the claim failed): computed, not stored. */
    WRITES_UNAVAILABLE("writes-unavailable"),
    // bypasses
    /** The request said {@code Cache-Control: no-store}. */
    REQUEST_NO_STORE("request-no-store"),
    /** The request has a caller while the endpoint is not keyed by principal. */
    CREDENTIALS("credentials"),
    /** The store's lookups' breaker is open, or the lookup failed or timed out. */
    STORE_UNAVAILABLE("store-unavailable");

    private final String token;

    CacheDetail(String token) {
        this.token = token;
    }

    /** @return the value as {@code Cache-Status} writes it */
    public String token() {
        return token;
    }
}
