package io.quarkiverse.responsecache.runtime.handler;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.coordination.CacheDecisions;
import io.quarkiverse.responsecache.runtime.coordination.KeyClaims;
import io.quarkiverse.responsecache.runtime.coordination.StoreDecisions;
import io.quarkiverse.responsecache.runtime.edge.EdgeHeaders;
import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoints;
import io.quarkiverse.responsecache.runtime.http.CacheStatusHeaders;
import io.quarkiverse.responsecache.runtime.invalidation.GuardedEvictions;
import io.quarkiverse.responsecache.runtime.key.RequestKeys;
import io.quarkiverse.responsecache.runtime.observe.ResponseCacheEvents;
import io.quarkiverse.responsecache.runtime.refresh.BackgroundRefresher;
import io.quarkiverse.responsecache.runtime.store.GuardedStore;
import io.quarkiverse.responsecache.runtime.store.near.NearCache;
import io.quarkiverse.responsecache.spi.ResponseCacheClock;

/**
 * What the handlers work with, in one bean: they are recorded at build time and created before the CDI container
 * exists, so they look this up once (see {@link CacheServicesReference}) instead of having it injected. Each
 * collaborator does one job; the few global settings the handlers read on every request are resolved here once.
 */
@Singleton
public class CacheServices {

    final boolean enabled;
    final boolean honorsRequestDirectives;
    final long maxBodySize;
    final CachedEndpoints endpoints;
    final RequestKeys keys;
    final GuardedStore store;
    /** Answers hits from this process's memory when the near cache is on, else nothing. */
    final NearCache nearCache;
    /** What becomes of a request whose key is known. */
    final CacheDecisions decisions;
    final KeyClaims claims;
    /** Whether a computed response is stored, and as what. */
    final StoreDecisions storeDecisions;
    final GuardedEvictions evictions;
    final BackgroundRefresher refresher;
    final CacheStatusHeaders statusHeaders;
    final ResponseCacheClock clock;
    /** Metrics, tracing and the Dev UI, when present. */
    @Inject
    ResponseCacheEvents events;
    /** What responses tell the HTTP caches in front. */
    @Inject
    EdgeHeaders edge;

    @Inject
    public CacheServices(ResponseCacheConfig config, CachedEndpoints endpoints, RequestKeys keys, GuardedStore store,
            CacheDecisions decisions, KeyClaims claims, CacheStatusHeaders statusHeaders, ResponseCacheClock clock,
            NearCache nearCache, GuardedEvictions evictions, BackgroundRefresher refresher,
            StoreDecisions storeDecisions) {
        this.enabled = config.enabled();
        this.honorsRequestDirectives = config.requestCacheControl() == ResponseCacheConfig.RequestDirectives.HONOR;
        this.maxBodySize = config.maxBodySize().asLongValue();
        this.endpoints = endpoints;
        this.keys = keys;
        this.store = store;
        this.decisions = decisions;
        this.claims = claims;
        this.storeDecisions = storeDecisions;
        this.evictions = evictions;
        this.refresher = refresher;
        this.statusHeaders = statusHeaders;
        this.clock = clock;
        this.nearCache = nearCache;
    }
}
