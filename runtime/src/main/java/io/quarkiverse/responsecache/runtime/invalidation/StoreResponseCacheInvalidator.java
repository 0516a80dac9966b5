package io.quarkiverse.responsecache.runtime.invalidation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkiverse.responsecache.ResponseCacheInvalidator;
import io.smallrye.mutiny.Uni;

/** The {@link ResponseCacheInvalidator} bean: eviction through the store's indexes. */
@ApplicationScoped
public class StoreResponseCacheInvalidator implements ResponseCacheInvalidator {

    private final EntryIndexes indexes;

    @Inject
    public StoreResponseCacheInvalidator(EntryIndexes indexes) {
        this.indexes = indexes;
    }

    @Override
    public Uni<Long> evictKey(String key) {
        return indexes.evictKey(key);
    }

    @Override
    public Uni<Long> evictTag(String tag) {
        return indexes.evictTag(tag);
    }

    @Override
    public Uni<Long> evictNamespace(String namespace) {
        return indexes.evictNamespace(namespace);
    }

    @Override
    public Uni<Long> evictAll() {
        return indexes.evictAll();
    }
}
