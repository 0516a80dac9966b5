package io.quarkiverse.responsecache.runtime.invalidation;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkiverse.responsecache.ResponseCacheUnavailableException;
import io.quarkiverse.responsecache.runtime.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.store.GuardedStore;
import io.smallrye.mutiny.Uni;

/**
 * Evictions as {@code @ResponseCacheInvalidate} and {@code ResponseCacheInvalidator} run them: each bounded by
 * {@code quarkus.response-cache.invalidation.timeout}, and refused at once while the store's breaker is open (the
 * store failed again and again: an eviction would only wait for it), with a {@link ResponseCacheUnavailableException}
 * that says which.
 */
@Singleton
public class GuardedEvictions {

    private final EntryIndexes indexes;
    private final GuardedStore store;
    private final Duration timeout;

    @Inject
    public GuardedEvictions(EntryIndexes indexes, GuardedStore store, ResponseCacheConfig config) {
        this.indexes = indexes;
        this.store = store;
        this.timeout = config.invalidation().timeout();
    }

    public Duration timeout() {
        return timeout;
    }

    public Uni<Long> evictKey(String key) {
        return guarded("key " + key, () -> indexes.evictKey(key));
    }

    public Uni<Long> evictTag(String tag) {
        return guarded("tag " + tag, () -> indexes.evictTag(tag));
    }

    public Uni<Long> evictNamespace(String namespace) {
        return guarded("namespace '" + namespace + "'", () -> indexes.evictNamespace(namespace));
    }

    public Uni<Long> evictAll() {
        return guarded("all entries", indexes::evictAll);
    }

    private Uni<Long> guarded(String what, Supplier<Uni<Long>> eviction) {
        return Uni.createFrom().deferred(() -> {
            if (store.isOpen()) {
                return Uni.createFrom().failure(new ResponseCacheUnavailableException("Evicting " + what
                        + " was refused: the response cache store failed repeatedly and is skipped"
                        + " (its circuit breaker is open)"));
            }
            return eviction.get().ifNoItem().after(timeout).failWith(() -> new ResponseCacheUnavailableException(
                    "Evicting " + what + " did not complete within " + timeout.toMillis() + " ms"
                            + " (quarkus.response-cache.invalidation.timeout)"));
        });
    }
}
