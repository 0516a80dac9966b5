package io.quarkiverse.responsecache.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkiverse.responsecache.ResponseCacheInvalidator;
import io.smallrye.mutiny.Uni;

/** The {@link ResponseCacheInvalidator} bean: eviction through the store's indexes. */
@ApplicationScoped
public class StoreResponseCacheInvalidator implements ResponseCacheInvalidator {

    private final ResponseCacheService cache;

    @Inject
    public StoreResponseCacheInvalidator(ResponseCacheService cache) {
        this.cache = cache;
    }

    @Override
    public Uni<Long> evictKey(String key) {
        return cache.evictKey(key);
    }

    @Override
    public Uni<Long> evictTag(String tag) {
        return cache.evictTag(tag);
    }

    @Override
    public Uni<Long> evictNamespace(String namespace) {
        return cache.evictNamespace(namespace);
    }

    @Override
    public Uni<Long> evictAll() {
        return cache.evictAll();
    }
}
