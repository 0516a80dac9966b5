package io.quarkiverse.responsecache.runtime.observe;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.store.near.NearCache;
import io.quarkiverse.responsecache.runtime.store.near.NearCachedStore;
import io.quarkiverse.responsecache.spi.ResponseStore;

/** The near cache's state as metrics, health and the Dev UI read it. */
@Singleton
public class ObservedNearCache implements NearCacheStatus {

    private final NearCache nearCache;
    private final boolean enabled;
    private final Instance<ResponseStore> store;

    @Inject
    public ObservedNearCache(NearCache nearCache, ResponseCacheConfig config, Instance<ResponseStore> store) {
        this.nearCache = nearCache;
        this.enabled = config.nearCache().enabled();
        this.store = store;
    }

    /** @return whether the near cache is on and in front of the store: never with the memory store or one's own */
    @Override
    public boolean inUse() {
        return enabled && store.get() instanceof NearCachedStore;
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
