package io.quarkiverse.responsecache.runtime.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.quarkiverse.responsecache.runtime.config.BackgroundRefreshConfig;
import io.quarkiverse.responsecache.runtime.config.HibernateOrmConfig;
import io.quarkiverse.responsecache.runtime.config.InvalidationConfig;
import io.quarkiverse.responsecache.runtime.config.NearCacheConfig;

/**
 * Runtime configuration of the response cache.
 */
@ConfigMapping(prefix = "quarkus.response-cache")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface ResponseCacheConfig {

    /**
     * Whether responses are cached. When {@code false}, annotated endpoints behave as if they were not annotated: the
     * cache is never read or written and no cache headers are added.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * Where responses are stored. {@code auto}: in Redis when the Redis client the cache uses is configured
     * ({@code quarkus.redis.hosts}, or the named client's), otherwise in memory. {@code redis}: always in Redis.
     * {@code memory}: always in this process's memory, not shared between instances.
     */
    @WithDefault("auto")
    StoreType store();

    /** Where responses are stored. */
    enum StoreType {
        /** Redis when its client is configured, otherwise memory. */
        AUTO,
        /** Redis. */
        REDIS,
        /** This process's memory. */
        MEMORY
    }

    /**
     * The in-memory store.
     */
    Memory memory();

    /** The in-memory store. */
    interface Memory {
        /**
         * How much heap the in-memory store may hold, counting each entry's body, headers, key and index memberships
         * plus a fixed overhead per entry. When a new entry would exceed it, entries that are rarely used go first
         * (Caffeine's frequency-aware policy), so the store never holds more than this. When unset, a tenth of the
         * maximum heap ({@code -Xmx}, or the JVM's default for the container's memory), so that a small container
         * heap is never filled by cached responses.
         */
        Optional<MemorySize> maxSize();
    }

    /**
     * The near cache in front of the Redis store.
     */
    NearCacheConfig nearCache();

    /**
     * Per-endpoint settings, by endpoint name ({@code @ResponseCache(name = ...)}, by default
     * {@code <simple class name>.<method name>}). They win over the annotation.
     */
    @ConfigDocMapKey("endpoint-name")
    Map<String, EndpointConfig> endpoint();

    /** Settings of one cached endpoint. */
    interface EndpointConfig {

        /**
         * Whether this endpoint is cached.
         */
        Optional<Boolean> enabled();

        /**
         * How long its responses stay fresh.
         */
        Optional<Duration> expire();

        /**
         * Its stale-while-revalidate window.
         */
        Optional<Duration> staleWhileRevalidate();

        /**
         * Its stale-if-error window.
         */
        Optional<Duration> staleIfError();

        /**
         * How long its responses of a status stay fresh, e.g. {@code expire-by-status."404"=30s}: the status is stored
         * for this endpoint even when {@code cacheable-statuses} does not list it. Wins over the annotation's
         * {@code expireByStatus} and the global {@code expire-by-status}, status by status.
         */
        @ConfigDocMapKey("status")
        Map<Integer, Duration> expireByStatus();

        /**
         * Whether the response's own {@code Cache-Control} ({@code s-maxage}, else {@code max-age}) sets how long it
         * is stored, capped by the lifetime the endpoint gives its status. Wins over the annotation's
         * {@code expireFromResponse}.
         */
        Optional<Boolean> expireFromResponse();

        /**
         * Its {@code expire-jitter}, e.g. {@code 10%}.
         */
        Optional<String> expireJitter();
    }

    /**
     * How long responses of a status stay fresh, for every cached endpoint, e.g. {@code expire-by-status."404"=30s}
     * (negative caching: a scan of missing ids reaches the endpoint once per id and lifetime). A listed status is
     * stored even when {@code cacheable-statuses} does not list it; a listed cacheable status gets this lifetime
     * instead of the endpoint's {@code expire}. An annotation's {@code expireByStatus} wins, status by status.
     */
    @ConfigDocMapKey("status")
    Map<Integer, Duration> expireByStatus();

    /**
     * Spreads the expiries of entries stored at the same moment (after a deployment, a purge, a traffic peak), so that
     * they do not all expire, and reach the endpoint, together: each stored entry's lifetime is cut by a random part of
     * it, up to this percentage ({@code 10%}: a 600 s entry lives between 540 s and 600 s). Only ever shorter, so no
     * entry outlives its {@code expire} and the {@code max-age} sent says the truth. {@code 0%} turns it off; from
     * {@code 100%} on, startup fails.
     */
    @WithDefault("0%")
    String expireJitter();

    /**
     * How long a stored response stays fresh when its annotation does not say ({@code @ResponseCache} without
     * {@code expire}).
     */
    @WithDefault("60s")
    Duration defaultExpire();

    /**
     * The first part of every key, {@code <prefix>:<namespace>:<hash>}. Every entry of this application lives under it.
     */
    @WithDefault("response-cache")
    String prefix();

    /**
     * Keys that sign every stored entry, each base64 of at least 32 random bytes ({@code openssl rand -base64 32}).
     * When set, each entry carries an HMAC-SHA256 over its key and its whole stored form, made with the first key;
     * an entry whose MAC no listed key verifies (written by anything without the key, or changed since) is a miss,
     * overwritten by the next store. To rotate, put the new key first and keep the old one after it until the entries
     * it signed have expired. A secret: keep it out of source control (an environment variable, a secret store).
     * Unset, entries are not signed and an entry read back is checked only by the entry rules (see the Failure modes
     * guide).
     */
    Optional<List<String>> entrySigningKey();

    /**
     * The HTTP statuses whose responses are stored. Any other response is sent as it is and not stored. Adding an
     * error status (500, say) stores it too, and it is then replayed with that same status.
     */
    @WithDefault("200")
    Set<Integer> cacheableStatuses();

    /**
     * The short header that tells whether a response came from the cache.
     */
    XCacheHeader xCacheHeader();

    /**
     * The standard {@code Cache-Status} header (RFC 9211).
     */
    CacheStatusHeader cacheStatusHeader();

    /**
     * Responses whose body is larger than this are served normally but not stored.
     */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /**
     * What a request's own {@code Cache-Control} may do. {@code honor}: {@code no-cache} runs the endpoint and
     * refreshes the entry, {@code no-store} bypasses the cache. {@code ignore}: every request is answered from the
     * cache when it can be, which protects the endpoint from clients that force recomputation, at the price of
     * clients never getting a fresher answer than the entry.
     */
    @WithDefault("honor")
    RequestDirectives requestCacheControl();

    /** What a request's {@code Cache-Control} may do. */
    enum RequestDirectives {
        /** {@code no-cache} refreshes the entry, {@code no-store} bypasses the cache. */
        HONOR,
        /** Request directives are ignored. */
        IGNORE
    }

    /** The short cache-status header. */
    interface XCacheHeader {

        /**
         * Whether responses of cached endpoints carry the short header, whose value is {@code HIT}, {@code MISS} or
         * {@code BYPASS}.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * The header's name.
         */
        @WithDefault("X-Cache")
        String name();
    }

    /** The RFC 9211 {@code Cache-Status} header. */
    interface CacheStatusHeader {

        /**
         * Whether responses of cached endpoints carry {@code Cache-Status}, e.g. {@code response-cache; hit; ttl=42} or
         * {@code response-cache; fwd=uri-miss; stored}.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * The cache's name in {@code Cache-Status}.
         */
        @WithDefault("response-cache")
        String cacheName();

        /**
         * Whether {@code Cache-Status} also carries the entry's key ({@code key="response-cache:products:..."}), to
         * tell which entry a response came from or would have been stored under. Off by default: a key can reveal
         * what went into it to every client: the default key builder hashes its inputs (a guessable input, such as a
         * principal's name, can still be confirmed), a key builder of the application's own may hold them in clear.
         */
        @WithDefault("false")
        boolean includeKey();
    }

    /**
     * The longest time a request waits for the store to answer a lookup. When it does not answer in time, or answers
     * with an error, the request is served by the endpoint as if it were not cached ({@code X-Cache: BYPASS}).
     */
    @WithDefault("100ms")
    Duration lookupTimeout();

    /**
     * The longest time a write of an entry may take. Writes never delay a response; this bounds how long a slow store
     * can hold on to them.
     */
    @WithDefault("1s")
    Duration writeTimeout();

    /**
     * How long a stale response may still be served after its freshness ends, while one request refreshes it. Others
     * asking meanwhile get the stale copy at once. {@code 0} turns it off. An annotation's
     * {@code staleWhileRevalidate} wins.
     */
    @WithDefault("0s")
    Duration staleWhileRevalidate();

    /**
     * How long after its freshness ends a stale response is served instead of an error of the endpoint (an exception
     * or a 5xx response). {@code 0} turns it off. An annotation's {@code staleIfError} wins.
     */
    @WithDefault("0s")
    Duration staleIfError();

    /**
     * How often Redis's eviction policy is read again ({@code CONFIG GET maxmemory*}), besides at startup and when the
     * store answers again after an outage: a {@code maxmemory-policy} changed at run time to one that may evict the
     * cache's indexes is logged once ({@code WARN}), and its return to a safe one too ({@code INFO}). {@code 0} checks
     * only at startup and after outages.
     */
    @WithDefault("1m")
    Duration evictionPolicyCheckInterval();

    /**
     * Stops asking a failing store for a while.
     */
    CircuitBreaker circuitBreaker();

    /**
     * One computation per key in this instance.
     */
    Coalescing coalescing();

    /**
     * One computation per key across instances.
     */
    DistributedLock distributedLock();

    /** Evictions. */
    InvalidationConfig invalidation();

    /** Entity tracking, when the application has Hibernate ORM. */
    HibernateOrmConfig hibernateOrm();

    /** Refreshing stale entries within their stale-while-revalidate window. */
    BackgroundRefreshConfig backgroundRefresh();

    /** The HTTP caches in front of the application (Varnish, a CDN): tags sent to them, purges of them. */
    EdgeConfig edge();

    /** When the store keeps failing, stop calling it for a while, then probe it again. */
    interface CircuitBreaker {

        /**
         * How many store failures in a row open the breaker. While it is open, requests bypass the cache without
         * calling the store.
         */
        @WithDefault("5")
        int failureThreshold();

        /**
         * How long the breaker stays open before one request probes the store again. When the probe succeeds, caching
         * resumes; when it fails, the breaker opens again.
         */
        @WithDefault("2s")
        Duration openDuration();
    }

    /** Concurrent misses of one key in one instance. */
    interface Coalescing {

        /**
         * Whether concurrent misses of the same key are coalesced: one request runs the endpoint, the others wait for
         * its response. Different keys never wait for each other.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * The longest time a request waits for another one computing the same key. Past it, it runs the endpoint
         * itself.
         */
        @WithDefault("5s")
        Duration timeout();
    }

    /** A lock in the store so that one instance computes a key while the others wait for the entry. */
    interface DistributedLock {

        /**
         * Whether instances take a lock in the store ({@code SET key NX PX}) before computing a missing entry. The
         * others wait for the entry instead of computing it too.
         */
        @WithDefault("false")
        boolean enabled();

        /**
         * How long a lock is held at most. If its holder dies, the lock expires after this and another instance
         * computes.
         */
        @WithDefault("5s")
        Duration lease();

        /**
         * The longest time an instance waits for another instance's entry before computing it itself.
         */
        @WithDefault("3s")
        Duration maxWait();
    }
}
