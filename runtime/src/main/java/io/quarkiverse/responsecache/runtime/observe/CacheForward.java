package io.quarkiverse.responsecache.runtime.observe;

/** The RFC 9211 {@code fwd} values of a request the cache sent to the endpoint: why it went there. */
public enum CacheForward {
    /** The cache was not used for this request. */
    BYPASS("bypass"),
    /** No entry for the key (or one that could not be used). */
    URI_MISS("uri-miss"),
    /** The request's own {@code Cache-Control} sent it there. */
    REQUEST("request"),
    /** An entry exists but is past its freshness. */
    STALE("stale");

    private final String token;

    CacheForward(String token) {
        this.token = token;
    }

    /** @return the value as {@code Cache-Status} writes it */
    public String token() {
        return token;
    }
}
