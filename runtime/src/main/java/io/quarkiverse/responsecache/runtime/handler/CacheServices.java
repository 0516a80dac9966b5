package io.quarkiverse.responsecache.runtime.handler;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.coordination.MissCoordinator;
import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoints;
import io.quarkiverse.responsecache.runtime.entry.EntryRules;
import io.quarkiverse.responsecache.runtime.http.CacheStatusHeaders;
import io.quarkiverse.responsecache.runtime.invalidation.EntryIndexes;
import io.quarkiverse.responsecache.runtime.invalidation.GuardedEvictions;
import io.quarkiverse.responsecache.runtime.key.RequestKeys;
import io.quarkiverse.responsecache.runtime.observe.ResponseCacheEvents;
import io.quarkiverse.responsecache.runtime.orm.EntityEvictions;
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
    /** What a stored entry may hold, checked when storing and again when replaying. */
    final EntryRules rules;
    final CachedEndpoints endpoints;
    final RequestKeys keys;
    final GuardedStore store;
    /** Answers hits from this process's memory when the near cache is on, else nothing. */
    final NearCache nearCache;
    final MissCoordinator coordinator;
    final EntryIndexes indexes;
    final GuardedEvictions evictions;
    final BackgroundRefresher refresher;
    final CacheStatusHeaders statusHeaders;
    final ResponseCacheClock clock;
    /** Entity tracking's evictions, when the application has Hibernate ORM and tracking is on; else null. */
    final EntityEvictions entityEvictions;
    final int maxTrackedRows;
    /** Metrics, tracing and the Dev UI, when present. */
    @Inject
    ResponseCacheEvents events;

    @Inject
    public CacheServices(ResponseCacheConfig config, CachedEndpoints endpoints, RequestKeys keys, GuardedStore store,
            MissCoordinator coordinator, EntryIndexes indexes, CacheStatusHeaders statusHeaders,
            ResponseCacheClock clock, NearCache nearCache, GuardedEvictions evictions, BackgroundRefresher refresher,
            Instance<EntityEvictions> entityEvictions) {
        this.enabled = config.enabled();
        this.honorsRequestDirectives = config.requestCacheControl() == ResponseCacheConfig.RequestDirectives.HONOR;
        this.maxBodySize = config.maxBodySize().asLongValue();
        this.rules = new EntryRules(config.cacheableStatuses(), statusHeaders::isStatusHeader);
        this.endpoints = endpoints;
        this.keys = keys;
        this.store = store;
        this.coordinator = coordinator;
        this.indexes = indexes;
        this.evictions = evictions;
        this.refresher = refresher;
        this.statusHeaders = statusHeaders;
        this.clock = clock;
        this.nearCache = nearCache;
        this.entityEvictions = entityEvictions.isResolvable() ? entityEvictions.get() : null;
        this.maxTrackedRows = config.hibernateOrm().maxRows();
    }

    boolean isCacheableStatus(int status) {
        return rules.cacheableStatus(status);
    }
}
