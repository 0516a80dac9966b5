package io.quarkiverse.responsecache.runtime.invalidation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.quarkiverse.responsecache.ResponseCacheInvalidator;
import io.quarkiverse.responsecache.runtime.orm.EntityEvictions;
import io.smallrye.mutiny.Uni;

/**
 * The {@link ResponseCacheInvalidator} bean: eviction through the store's indexes, bounded in time and failing fast
 * while the store is being skipped (see {@link GuardedEvictions}).
 */
@ApplicationScoped
public class StoreResponseCacheInvalidator implements ResponseCacheInvalidator {

    private final GuardedEvictions evictions;
    /** Entity tracking, when wired (Hibernate ORM); injected, so tests that build this class need not know. */
    @Inject
    Instance<EntityEvictions> entityEvictions;

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

    @Override
    public Uni<Long> evictEntity(Class<?> entityType, Object id) {
        return tracking().chain(tracking -> tracking.evictRow(entityType, id));
    }

    @Override
    public Uni<Long> evictEntityType(Class<?> entityType) {
        return tracking().chain(tracking -> tracking.evictType(entityType));
    }

    private Uni<EntityEvictions> tracking() {
        if (entityEvictions == null || !entityEvictions.isResolvable()) {
            return Uni.createFrom().failure(new IllegalStateException("Entity tracking is off: the application has no"
                    + " Hibernate ORM, or quarkus.response-cache.hibernate-orm.enabled=false"));
        }
        return Uni.createFrom().item(entityEvictions.get());
    }
}
