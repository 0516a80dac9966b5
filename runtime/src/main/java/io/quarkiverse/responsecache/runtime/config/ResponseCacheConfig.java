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
    MemoryConfig memory();

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
    XCacheHeaderConfig xCacheHeader();

    /**
     * The standard {@code Cache-Status} header (RFC 9211).
     */
    CacheStatusHeaderConfig cacheStatusHeader();

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
    CircuitBreakerConfig circuitBreaker();

    /**
     * One computation per key in this instance.
     */
    CoalescingConfig coalescing();

    /**
     * One computation per key across instances.
     */
    DistributedLockConfig distributedLock();

    /** Evictions. */
    InvalidationConfig invalidation();

    /** Entity tracking, when the application has Hibernate ORM. */
    HibernateOrmConfig hibernateOrm();

    /** Refreshing stale entries within their stale-while-revalidate window. */
    BackgroundRefreshConfig backgroundRefresh();

    /** The HTTP caches in front of the application (Varnish, a CDN): tags sent to them, purges of them. */
    EdgeConfig edge();

}
