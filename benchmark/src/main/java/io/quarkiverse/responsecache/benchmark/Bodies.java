package io.quarkiverse.responsecache.benchmark;

/**
 * What the endpoints answer.
 */
final class Bodies {

    /** A small response, the case where per-request overhead matters most: 64 bytes. */
    static final String SMALL = "{\"id\":42,\"name\":\"response cache benchmark\",\"status\":\"available\"}";

    /** The key {@code redis-get} reads; {@link RawKeyWriter} writes it at startup. */
    static final String RAW_KEY = "bench:raw";

    /** How long the expensive endpoints work. */
    static final long EXPENSIVE_MILLIS = 20;

    private Bodies() {
    }

    /** Stands for a slow database query or remote call: it holds its worker thread for {@link #EXPENSIVE_MILLIS}. */
    static String expensive() {
        try {
            Thread.sleep(EXPENSIVE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return SMALL;
    }
}
