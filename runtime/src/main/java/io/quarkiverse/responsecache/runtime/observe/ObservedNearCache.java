package io.quarkiverse.responsecache.runtime.observe;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.store.near.NearCache;

/** The near cache's state as metrics, health and the Dev UI read it. */
@Singleton
public class ObservedNearCache implements NearCacheStatus {

    private final NearCache nearCache;
    private final boolean inUse;

    @Inject
    public ObservedNearCache(NearCache nearCache, ResponseCacheConfig config) {
        this.nearCache = nearCache;
        this.inUse = config.nearCache().enabled();
    }

    @Override
    public boolean inUse() {
        return inUse;
    }

    @Override
    public boolean coherent() {
        return nearCache.coherent();
    }

    @Override
    public long entries() {
        return nearCache.entries();
    }

    @Override
    public long bytes() {
        return nearCache.bytes();
    }

    @Override
    public void clear() {
        nearCache.flush();
    }
}
