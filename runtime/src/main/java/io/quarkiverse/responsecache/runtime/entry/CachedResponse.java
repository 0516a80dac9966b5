package io.quarkiverse.responsecache.runtime.entry;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A response as it was sent, ready to be replayed byte for byte. Its body is a range of {@code source}, the bytes the
 * store returned, so a large hit copies its body once, into the buffer the server writes from.
 *
 * @param storedAtMillis {@link #STORED_AT_UNKNOWN} for an entry written before entries said so
 * @param directBody the body outside the heap, kept by near-cache copies of large bodies; never modify it, read
 *        duplicates
 */
public record CachedResponse(int status, long expiresAtMillis, long storedAtMillis, String etag,
        List<Map.Entry<String, String>> headers, byte[] source, int bodyOffset, int bodyLength, EncodedBody encoded,
        ByteBuffer directBody) {

    /** Such an entry's age is derived from its endpoint's freshness. */
    public static final long STORED_AT_UNKNOWN = -1;

    public CachedResponse {
        Objects.checkFromIndexSize(bodyOffset, bodyLength, source.length);
    }

    public CachedResponse(int status, long expiresAtMillis, long storedAtMillis, String etag,
            List<Map.Entry<String, String>> headers, byte[] source, int bodyOffset, int bodyLength,
            EncodedBody encoded) {
        this(status, expiresAtMillis, storedAtMillis, etag, headers, source, bodyOffset, bodyLength, encoded, null);
    }

    public CachedResponse(int status, long expiresAtMillis, long storedAtMillis, String etag,
            List<Map.Entry<String, String>> headers, byte[] source, int bodyOffset, int bodyLength) {
        this(status, expiresAtMillis, storedAtMillis, etag, headers, source, bodyOffset, bodyLength, null);
    }

    public CachedResponse(int status, long expiresAtMillis, long storedAtMillis, String etag,
            List<Map.Entry<String, String>> headers, byte[] body) {
        this(status, expiresAtMillis, storedAtMillis, etag, headers, body, 0, body.length);
    }

    public CachedResponse(int status, long expiresAtMillis, String etag, List<Map.Entry<String, String>> headers,
            byte[] body) {
        this(status, expiresAtMillis, STORED_AT_UNKNOWN, etag, headers, body);
    }

    /** @return the array itself when it holds nothing else, otherwise a copy of its range */
    public byte[] body() {
        return bodyOffset == 0 && bodyLength == source.length ? source
                : Arrays.copyOfRange(source, bodyOffset, bodyOffset + bodyLength);
    }

    public CachedResponse expiringAt(long expiresAtMillis) {
        return new CachedResponse(status, expiresAtMillis, storedAtMillis, etag, headers, source, bodyOffset,
                bodyLength, encoded, directBody);
    }

    public CachedResponse withEncoded(EncodedBody encoded) {
        return new CachedResponse(status, expiresAtMillis, storedAtMillis, etag, headers, source, bodyOffset,
                bodyLength, encoded);
    }

    public CachedResponse withDirectBody() {
        ByteBuffer direct = ByteBuffer.allocateDirect(bodyLength).put(source, bodyOffset, bodyLength).flip();
        return new CachedResponse(status, expiresAtMillis, storedAtMillis, etag, headers, source, bodyOffset,
                bodyLength, encoded, direct.asReadOnlyBuffer());
    }

    /** Rounded up, like the miss that stored it said. */
    public long secondsLeft(long nowMillis) {
        return Math.max(0, (expiresAtMillis - nowMillis + 999) / 1000);
    }

    public boolean isFresh(long nowMillis) {
        return nowMillis < expiresAtMillis;
    }

    /** Once stale, negative and rounded down, as RFC 9211 {@code ttl} does. */
    public long ttlSeconds(long nowMillis) {
        return isFresh(nowMillis) ? secondsLeft(nowMillis) : Math.floorDiv(expiresAtMillis - nowMillis, 1000);
    }

    /** @param freshnessMillis gives the store time of an entry that does not say it */
    public long ageSeconds(long nowMillis, long freshnessMillis) {
        long storedAt = storedAtMillis != STORED_AT_UNKNOWN ? storedAtMillis : expiresAtMillis - freshnessMillis;
        return Math.max(0, (nowMillis - storedAt) / 1000);
    }

    public long lifetimeMillis() {
        return storedAtMillis == STORED_AT_UNKNOWN ? -1 : Math.max(0, expiresAtMillis - storedAtMillis);
    }
}
