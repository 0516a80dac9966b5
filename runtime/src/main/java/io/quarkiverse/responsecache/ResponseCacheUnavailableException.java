package io.quarkiverse.responsecache;

/**
 * An eviction could not be done: the store is being skipped after repeated failures (its circuit breaker is open),
 * or it did not answer within {@code quarkus.response-cache.invalidation.timeout}. The entries it was to evict may
 * still be served until they expire.
 */
public class ResponseCacheUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ResponseCacheUnavailableException(String message) {
        super(message);
    }

    public ResponseCacheUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
