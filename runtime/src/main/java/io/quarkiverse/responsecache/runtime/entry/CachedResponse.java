package io.quarkiverse.responsecache.runtime.entry;

import java.util.List;
import java.util.Map;

/**
 * A response as it was sent, ready to be replayed byte for byte.
 *
 * @param status the HTTP status
 * @param expiresAtMillis when it stops being fresh, epoch milliseconds (gives {@code Cache-Control: max-age})
 * @param etag the strong entity tag, quoted
 * @param headers the replayable response headers, {@code Content-Type} among them
 * @param body the serialized body
 */
public record CachedResponse(int status, long expiresAtMillis, String etag,
        List<Map.Entry<String, String>> headers, byte[] body) {

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
