package io.quarkiverse.responsecache.runtime.http;

import java.util.function.BiConsumer;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;

/**
 * The headers that tell a client what the cache did: {@code X-Cache} (or its configured name) and RFC 9211
 * {@code Cache-Status}. Neither is ever stored in an entry.
 */
@Singleton
public class CacheStatusHeaders {

    private final String xCacheHeader;
    private final String cacheStatusName;

    @Inject
    public CacheStatusHeaders(ResponseCacheConfig config) {
        this.xCacheHeader = config.xCacheHeader().enabled() ? config.xCacheHeader().name() : null;
        this.cacheStatusName = config.cacheStatusHeader().enabled() ? config.cacheStatusHeader().cacheName() : null;
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
     */
    public void write(BiConsumer<String, String> headers, CacheOutcome outcome, String forward, String detail,
            boolean stored, long ttlSeconds) {
        if (xCacheHeader != null) {
            headers.accept(xCacheHeader, outcome.name());
        }
        if (cacheStatusName != null) {
            StringBuilder value = new StringBuilder(64).append(cacheStatusName).append("; ");
            headers.accept("Cache-Status", parameters(value, outcome, forward, detail, stored, ttlSeconds).toString());
        }
    }

    /**
     * @return the RFC 9211 parameters of a {@code Cache-Status} entry, without the cache's name, e.g.
     *         {@code hit; ttl=30}, appended to {@code value}
     */
    public static StringBuilder parameters(StringBuilder value, CacheOutcome outcome, String forward, String detail,
            boolean stored, long ttlSeconds) {
        if (outcome == CacheOutcome.HIT) {
            value.append("hit; ttl=").append(ttlSeconds);
        } else {
            value.append("fwd=").append(forward);
            if (stored) {
                value.append("; stored");
            }
        }
        if (detail != null) {
            value.append("; detail=").append(detail);
        }
        return value;
    }
}
