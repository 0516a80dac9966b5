package io.quarkiverse.responsecache.runtime.http;

import java.util.function.BiConsumer;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.observe.CacheDetail;
import io.quarkiverse.responsecache.runtime.observe.CacheForward;
import io.quarkiverse.responsecache.runtime.observe.CacheOutcome;

/**
 * The headers that tell a client what the cache did: {@code X-Cache} (or its configured name) and RFC 9211
 * {@code Cache-Status}, with the entry's key when {@code cache-status-header.include-key} is set. Neither is ever
 * stored in an entry.
 */
@Singleton
public class CacheStatusHeaders {

    /** Values rendered lately, by a hash of what they render: a hit's value changes once a second at most. */
    private static final int RENDERED_SLOTS = 64;

    private final String xCacheHeader;
    private final String cacheStatusName;
    private final boolean includeKey;
    /** Immutable values in a racy array: a lost write only costs rendering one again. */
    private final Rendered[] rendered = new Rendered[RENDERED_SLOTS];

    @Inject
    public CacheStatusHeaders(ResponseCacheConfig config) {
        this.xCacheHeader = config.xCacheHeader().enabled() ? config.xCacheHeader().name() : null;
        this.cacheStatusName = config.cacheStatusHeader().enabled() ? config.cacheStatusHeader().cacheName() : null;
        this.includeKey = config.cacheStatusHeader().includeKey();
    }

    /** @return whether {@code name} is one of the headers the cache writes itself on every response */
    public boolean isStatusHeader(String name) {
        return (xCacheHeader != null && xCacheHeader.equalsIgnoreCase(name))
                || (cacheStatusName != null && "Cache-Status".equalsIgnoreCase(name));
    }

    /**
     * @param forward RFC 9211 {@code fwd} of a miss or a bypass: why the request went to the endpoint
     * @param detail RFC 9211 {@code detail}, or null
     * @param stored whether this response was stored
     * @param ttlSeconds the freshness left, for a hit (negative when stale)
     * @param key the entry's key, or null when the request has none (a bypass before keying)
     */
    public void write(BiConsumer<String, String> headers, CacheOutcome outcome, CacheForward forward,
            CacheDetail detail, boolean stored, long ttlSeconds, String key) {
        if (xCacheHeader != null) {
            headers.accept(xCacheHeader, outcome.xCache());
        }
        if (cacheStatusName != null) {
            String withoutKey = cacheStatus(outcome, forward, detail, stored, ttlSeconds);
            if (includeKey && key != null) {
                StringBuilder value = new StringBuilder(withoutKey.length() + key.length() + 16).append(withoutKey);
                appendKey(value, key);
                headers.accept("Cache-Status", value.toString());
            } else {
                headers.accept("Cache-Status", withoutKey);
            }
        }
    }

    /** @return the {@code Cache-Status} value without the key, rendered once for all requests that have the same */
    private String cacheStatus(CacheOutcome outcome, CacheForward forward, CacheDetail detail, boolean stored,
            long ttlSeconds) {
        // what parameters() leaves out does not tell values apart
        long ttl = outcome.answeredFromCache() ? ttlSeconds : 0;
        CacheForward fwd = outcome.answeredFromCache() ? null : forward;
        boolean storedFlag = !outcome.answeredFromCache() && stored;
        int hash = (int) (ttl ^ (ttl >>> 32));
        hash = 31 * hash + outcome.ordinal();
        hash = 31 * hash + (fwd == null ? -1 : fwd.ordinal());
        hash = 31 * hash + (detail == null ? -1 : detail.ordinal());
        hash = 31 * hash + (storedFlag ? 1 : 0);
        int slot = (hash ^ (hash >>> 16)) & (RENDERED_SLOTS - 1);
        Rendered last = rendered[slot];
        if (last != null && last.ttl == ttl && last.outcome == outcome && last.forward == fwd && last.detail == detail
                && last.stored == storedFlag) {
            return last.value;
        }
        StringBuilder value = new StringBuilder(64).append(cacheStatusName).append("; ");
        String text = parameters(value, outcome, fwd, detail, storedFlag, ttl).toString();
        rendered[slot] = new Rendered(outcome, fwd, detail, storedFlag, ttl, text);
        return text;
    }

    private record Rendered(CacheOutcome outcome, CacheForward forward, CacheDetail detail, boolean stored, long ttl,
            String value) {
    }

    /**
     * @return the RFC 9211 parameters of a {@code Cache-Status} entry, without the cache's name nor the key, e.g.
     *         {@code hit; ttl=30}, appended to {@code value}
     */
    public static StringBuilder parameters(StringBuilder value, CacheOutcome outcome, CacheForward forward,
            CacheDetail detail, boolean stored, long ttlSeconds) {
        if (outcome.answeredFromCache()) {
            value.append("hit; ttl=").append(ttlSeconds);
        } else {
            value.append("fwd=").append((forward != null ? forward : outcome.defaultForward()).token());
            if (stored) {
                value.append("; stored");
            }
        }
        if (detail != null) {
            value.append("; detail=").append(detail.token());
        }
        return value;
    }

    /**
     * Appends {@code ; key="..."}, the key as an RFC 8941 sf-string ({@code \} and {@code "} escaped). A key with a
     * character an sf-string cannot hold (a control character, anything beyond ASCII) is left out.
     */
    static void appendKey(StringBuilder value, String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return;
            }
        }
        value.append("; key=\"");
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '"' || c == '\\') {
                value.append('\\');
            }
            value.append(c);
        }
        value.append('"');
    }
}
