package io.quarkiverse.responsecache.spi;

import java.util.List;

import io.quarkiverse.responsecache.runtime.observe.CacheOutcome;
import io.quarkiverse.responsecache.runtime.observe.ResponseCacheEvents;

/**
 * What the cache tells the integrations that watch it (metrics, tracing, the Dev UI). The few places that know an
 * outcome call it through {@link ResponseCacheEvents}; an integration is a bean implementing the methods it needs.
 * Calls happen on request threads, often the event loop: an implementation records and returns, it never blocks.
 */
public interface ResponseCacheObserver {

    /**
     * A request to a cached endpoint was answered (called once per request, when its status headers are written, or
     * when it ends without them).
     *
     * @param endpoint the endpoint's name in configuration
     * @param outcome what the cache did
     * @param tier the store tier that answered the lookup ({@code memory}, {@code redis}, a custom store's), or
     *        {@code none} when no store was asked
     * @param cacheStatus the RFC 9211 {@code Cache-Status} parameters of this response, e.g. {@code hit; ttl=30}
     * @param ageSeconds the age of a replayed entry, {@code -1} when nothing was replayed
     */
    default void answered(String endpoint, CacheOutcome outcome, String tier, String cacheStatus, long ageSeconds) {
    }

    /**
     * A store lookup finished.
     *
     * @param tier the store tier asked
     * @param nanos how long it took
     * @param found whether it found an entry (fresh or not)
     */
    default void lookedUp(String tier, long nanos, boolean found) {
    }

    /** An entry of {@code endpoint} was handed to the store, {@code bytes} long once encoded. */
    default void stored(String endpoint, int bytes) {
    }

    /**
     * An entry of {@code endpoint} was stored with the tags entity tracking gave it (Hibernate ORM): what it read.
     *
     * @param path the request's path
     */
    default void taggedByEntities(String endpoint, String path, List<String> tags) {
    }

    /** A call to the store failed or timed out; {@code operation} is get, put, lock, unlock, delete or evict. */
    default void storeFailed(String operation) {
    }

    /**
     * Entries were evicted on request (invalidation, purge).
     *
     * @param kind what the eviction named: {@code key}, {@code tag}, {@code namespace}, {@code url} or {@code all}
     * @param name the key, tag, namespace or URL path; empty for {@code all}
     * @param entries how many entries went
     */
    default void evicted(String kind, String name, long entries) {
    }

    /**
     * A purge of a layer in front of the application (an HTTP cache, a CDN) failed or ran out of time.
     *
     * @param layer its purge URL, {@code fastly} or {@code cloudflare}
     */
    default void edgePurgeFailed(String layer) {
    }
}
