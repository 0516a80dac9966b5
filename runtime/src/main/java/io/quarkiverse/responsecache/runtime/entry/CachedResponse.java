package io.quarkiverse.responsecache.runtime.entry;

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
 * @param etag the strong entity tag, quoted
 * @param headers the replayable response headers, {@code Content-Type} among them
 * @param source the array that holds the body, from {@code bodyOffset} for {@code bodyLength} bytes
 * @param encoded the body compressed once when it was stored (see {@link EncodedBody}), or null
 */
public record CachedResponse(int status, long expiresAtMillis, String etag,
        List<Map.Entry<String, String>> headers, byte[] source, int bodyOffset, int bodyLength, EncodedBody encoded) {

    public CachedResponse {
        Objects.checkFromIndexSize(bodyOffset, bodyLength, source.length);
    }

    /** @param source the array that holds the body, from {@code bodyOffset} for {@code bodyLength} bytes */
    public CachedResponse(int status, long expiresAtMillis, String etag, List<Map.Entry<String, String>> headers,
            byte[] source, int bodyOffset, int bodyLength) {
        this(status, expiresAtMillis, etag, headers, source, bodyOffset, bodyLength, null);
    }

    /** @param body the serialized body, held as it is */
    public CachedResponse(int status, long expiresAtMillis, String etag, List<Map.Entry<String, String>> headers,
            byte[] body) {
        this(status, expiresAtMillis, etag, headers, body, 0, body.length);
    }

    /** @return the serialized body: the array itself when it holds nothing else, otherwise a copy of its range */
    public byte[] body() {
        return bodyOffset == 0 && bodyLength == source.length ? source
                : Arrays.copyOfRange(source, bodyOffset, bodyOffset + bodyLength);
    }

    /** @return the same response, fresh until {@code expiresAtMillis} instead, sharing its body */
    public CachedResponse expiringAt(long expiresAtMillis) {
        return new CachedResponse(status, expiresAtMillis, etag, headers, source, bodyOffset, bodyLength, encoded);
    }

    /** @return the same response with {@code encoded} kept beside its body */
    public CachedResponse withEncoded(EncodedBody encoded) {
        return new CachedResponse(status, expiresAtMillis, etag, headers, source, bodyOffset, bodyLength, encoded);
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
     * @return whole seconds since the response was stored for {@code freshness}, never negative. The store time is
     *         not kept in the entry (it would cost 9 bytes of each): it is its expiry less its freshness
     */
    public long ageSeconds(long nowMillis, long freshnessMillis) {
        return Math.max(0, (nowMillis - (expiresAtMillis - freshnessMillis)) / 1000);
    }
}
