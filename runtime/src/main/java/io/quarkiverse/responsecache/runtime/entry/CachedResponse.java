package io.quarkiverse.responsecache.runtime.entry;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A response as it was sent, ready to be replayed byte for byte.
 * <p>
 * Its body is a range of {@code source}: a response decoded from the store keeps the bytes the store returned (the
 * encoded head, then the body) rather than a copy of its body, so a large hit copies its body once, into the buffer
 * the server writes from.
 *
 * @param status the HTTP status
 * @param expiresAtMillis when it stops being fresh, epoch milliseconds (gives {@code Cache-Control: max-age})
 * @param storedAtMillis when it was stored, epoch milliseconds (gives {@code Age}); {@link #STORED_AT_UNKNOWN} for an
 *        entry written before entries said so
 * @param etag the strong entity tag, quoted
 * @param headers the replayable response headers, {@code Content-Type} among them
 * @param source the array that holds the body, from {@code bodyOffset} for {@code bodyLength} bytes
 * @param encoded the body compressed once when it was stored (see {@link EncodedBody}), or null
 * @param directBody the body once more, outside the heap, which a socket writes from without a copy: kept by near-cache
 *        copies of large bodies ({@link #withDirectBody()}); otherwise null. Never modify it; read duplicates.
 */
public record CachedResponse(int status, long expiresAtMillis, long storedAtMillis, String etag,
        List<Map.Entry<String, String>> headers, byte[] source, int bodyOffset, int bodyLength, EncodedBody encoded,
        ByteBuffer directBody) {

    /** The store time of an entry that does not say: its age is then derived from its endpoint's freshness. */
    public static final long STORED_AT_UNKNOWN = -1;

    public CachedResponse {
        Objects.checkFromIndexSize(bodyOffset, bodyLength, source.length);
    }

    public CachedResponse(int status, long expiresAtMillis, long storedAtMillis, String etag,
            List<Map.Entry<String, String>> headers, byte[] source, int bodyOffset, int bodyLength,
            EncodedBody encoded) {
        this(status, expiresAtMillis, storedAtMillis, etag, headers, source, bodyOffset, bodyLength, encoded, null);
    }

    /** @param source the array that holds the body, from {@code bodyOffset} for {@code bodyLength} bytes */
    public CachedResponse(int status, long expiresAtMillis, long storedAtMillis, String etag,
            List<Map.Entry<String, String>> headers, byte[] source, int bodyOffset, int bodyLength) {
        this(status, expiresAtMillis, storedAtMillis, etag, headers, source, bodyOffset, bodyLength, null);
    }

    /** @param body the serialized body, held as it is */
    public CachedResponse(int status, long expiresAtMillis, long storedAtMillis, String etag,
            List<Map.Entry<String, String>> headers, byte[] body) {
        this(status, expiresAtMillis, storedAtMillis, etag, headers, body, 0, body.length);
    }

    /** A response whose store time is not known: its age is derived from its endpoint's freshness. */
    public CachedResponse(int status, long expiresAtMillis, String etag, List<Map.Entry<String, String>> headers,
            byte[] body) {
        this(status, expiresAtMillis, STORED_AT_UNKNOWN, etag, headers, body);
    }

    /** @return the serialized body: the array itself when it holds nothing else, otherwise a copy of its range */
    public byte[] body() {
        return bodyOffset == 0 && bodyLength == source.length ? source
                : Arrays.copyOfRange(source, bodyOffset, bodyOffset + bodyLength);
    }

    /** @return the same response, fresh until {@code expiresAtMillis} instead, sharing its body */
    public CachedResponse expiringAt(long expiresAtMillis) {
        return new CachedResponse(status, expiresAtMillis, storedAtMillis, etag, headers, source, bodyOffset,
                bodyLength, encoded, directBody);
    }

    /** @return the same response with {@code encoded} kept beside its body */
    public CachedResponse withEncoded(EncodedBody encoded) {
        return new CachedResponse(status, expiresAtMillis, storedAtMillis, etag, headers, source, bodyOffset,
                bodyLength, encoded);
    }

    /** @return the same response with a copy of its body outside the heap ({@link #directBody()}) */
    public CachedResponse withDirectBody() {
        ByteBuffer direct = ByteBuffer.allocateDirect(bodyLength).put(source, bodyOffset, bodyLength).flip();
        return new CachedResponse(status, expiresAtMillis, storedAtMillis, etag, headers, source, bodyOffset,
                bodyLength, encoded, direct.asReadOnlyBuffer());
    }

    /**
     * @return seconds of freshness left at {@code nowMillis}, rounded up (a response stored 0.2 s ago for 600 s says
     *         600, like the miss that stored it), never negative
     */
    public long secondsLeft(long nowMillis) {
        return Math.max(0, (expiresAtMillis - nowMillis + 999) / 1000);
    }

    /** @return whether the response is still fresh at {@code nowMillis} */
    public boolean isFresh(long nowMillis) {
        return nowMillis < expiresAtMillis;
    }

    /**
     * @return seconds of freshness left, rounded up while fresh; once stale, negative (rounded down, so a response
     *         stale for 0.2 s says -1), as RFC 9211 {@code ttl} does
     */
    public long ttlSeconds(long nowMillis) {
        return isFresh(nowMillis) ? secondsLeft(nowMillis) : Math.floorDiv(expiresAtMillis - nowMillis, 1000);
    }

    /**
     * @param freshnessMillis the endpoint's freshness, which gives the store time of an entry that does not say it
     *        (its expiry less that freshness)
     * @return whole seconds since the response was stored, never negative
     */
    public long ageSeconds(long nowMillis, long freshnessMillis) {
        long storedAt = storedAtMillis != STORED_AT_UNKNOWN ? storedAtMillis : expiresAtMillis - freshnessMillis;
        return Math.max(0, (nowMillis - storedAt) / 1000);
    }

    /** @return how long the response was fresh for when stored, in milliseconds; -1 when its store time is unknown */
    public long lifetimeMillis() {
        return storedAtMillis == STORED_AT_UNKNOWN ? -1 : Math.max(0, expiresAtMillis - storedAtMillis);
    }
}
