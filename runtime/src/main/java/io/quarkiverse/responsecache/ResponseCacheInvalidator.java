package io.quarkiverse.responsecache;

import java.time.Duration;

import io.smallrye.mutiny.Uni;

/**
 * Evicts cached responses from code. Inject it where a write happens that cached responses must not outlive.
 * <p>
 * Every operation answers how many entries went. None uses {@code KEYS}: entries are found through the sets that
 * index them by namespace and by tag, so eviction costs what it evicts, on a single Redis as on Redis Cluster.
 */
public interface ResponseCacheInvalidator {

    /** How long the blocking variants wait at most. */
    Duration BLOCKING_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Evicts one entry.
     *
     * @param key the entry's key, as {@link ResponseCacheKeyBuilder} builds it
     */
    Uni<Long> evictKey(String key);

    /** Evicts every entry of a tag, e.g. {@code product:42}. */
    Uni<Long> evictTag(String tag);

    /** Evicts every entry of a namespace ({@code ""} is the namespace of endpoints that name none). */
    Uni<Long> evictNamespace(String namespace);

    /** Evicts every entry under the configured prefix. */
    Uni<Long> evictAll();

    /**
     * Evicts what a write of one entity row evicts when the application has Hibernate ORM: the entries that read that
     * row, and those that queried its type. For writes entity tracking cannot see (native SQL outside Hibernate,
     * another application writing the database). Fails with an {@code IllegalStateException} when entity tracking is
     * off.
     */
    Uni<Long> evictEntity(Class<?> entityType, Object id);

    /** Evicts every entry that read a row of the entity type or queried it, as a bulk update of it does. */
    Uni<Long> evictEntityType(Class<?> entityType);

    default long evictKeyAndAwait(String key) {
        return evictKey(key).await().atMost(BLOCKING_TIMEOUT);
    }

    default long evictTagAndAwait(String tag) {
        return evictTag(tag).await().atMost(BLOCKING_TIMEOUT);
    }

    default long evictNamespaceAndAwait(String namespace) {
        return evictNamespace(namespace).await().atMost(BLOCKING_TIMEOUT);
    }

    default long evictAllAndAwait() {
        return evictAll().await().atMost(BLOCKING_TIMEOUT);
    }

    default long evictEntityAndAwait(Class<?> entityType, Object id) {
        return evictEntity(entityType, id).await().atMost(BLOCKING_TIMEOUT);
    }

    default long evictEntityTypeAndAwait(Class<?> entityType) {
        return evictEntityType(entityType).await().atMost(BLOCKING_TIMEOUT);
    }
}
