package io.quarkiverse.responsecache.runtime.invalidation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkiverse.responsecache.ResponseCacheInvalidator;
import io.smallrye.mutiny.Uni;

/**
 * The {@link ResponseCacheInvalidator} bean: eviction through the store's indexes, bounded in time and failing fast
 * while the store is being skipped (see {@link GuardedEvictions}).
 */
@ApplicationScoped
public class StoreResponseCacheInvalidator implements ResponseCacheInvalidator {

    private final GuardedEvictions evictions;

    @Inject
    public StoreResponseCacheInvalidator(GuardedEvictions evictions) {
        this.evictions = evictions;
    }

    @Override
    public Uni<Long> evictKey(String key) {
        return evictions.evictKey(key);
    }

    @Override
    public Uni<Long> evictTag(String tag) {
        return evictions.evictTag(tag);
    }

    @Override
    public Uni<Long> evictNamespace(String namespace) {
        return evictions.evictNamespace(namespace);
    }

    @Override
    public Uni<Long> evictAll() {
        return evictions.evictAll();
    }
}
