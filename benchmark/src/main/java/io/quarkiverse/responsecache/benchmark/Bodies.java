package io.quarkiverse.responsecache.benchmark;

/**
 * What the endpoints answer.
 */
final class Bodies {

    /** A small response, the case where per-request overhead matters most: 64 bytes. */
    static final String SMALL = "{\"id\":42,\"name\":\"response cache benchmark\",\"status\":\"available\"}";

    /** The key {@code redis-get} reads; {@link RawKeyWriter} writes it at startup. */
    static final String RAW_KEY = "bench:raw";

    /** A large response, 64 KiB of JSON: what a list or a page of results often weighs. */
    static final byte[] LARGE = large(64 * 1024);

    /** The key the {@code -64k} raw reads get; {@link RawKeyWriter} writes {@link #LARGE} there at startup. */
    static final String RAW_LARGE_KEY = "bench:raw-64k";

    /** How long the expensive endpoints work. */
    static final long EXPENSIVE_MILLIS = 20;

    private Bodies() {
    }

    /** @return {@code size} bytes of a JSON array of small objects, padded to the exact size */
    static byte[] large(int size) {
        StringBuilder json = new StringBuilder(size).append('[');
        for (int id = 0; json.length() < size - 80; id++) {
            json.append(id == 0 ? "" : ",").append("{\"id\":").append(id).append(",\"name\":\"item ").append(id)
                    .append("\",\"status\":\"available\"}");
        }
        json.append(']');
        while (json.length() < size) {
            json.append(' ');
        }
        return json.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
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
