package io.quarkiverse.responsecache.runtime.invalidation;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.responsecache.ResponseCacheUnavailableException;
import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.store.GuardedStore;
import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Uni;

/**
 * Evictions as applications run them: bounded by {@code invalidation.timeout}, and refused at once while the store's
 * breaker is open (an eviction would only wait for it).
 */
@Singleton
public class GuardedEvictions {

    /** How long an eviction that ran out of its budget may go on in the background before it is given up. */
    static final Duration BACKGROUND_LIMIT = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(GuardedEvictions.class);

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
        return guarded("key " + key, "key", List.of(key), () -> indexes.evictKey(key));
    }

    public Uni<Long> evictTag(String tag) {
        return guarded("tag " + tag, "tag", List.of(tag), () -> indexes.evictTag(tag));
    }

    public Uni<Long> evictTags(Collection<String> tags) {
        return guarded("tags " + tags, "tag", tags, () -> indexes.evictTags(tags));
    }

    public Uni<Long> evictNamespace(String namespace) {
        return guarded("namespace '" + namespace + "'", "namespace", List.of(namespace),
                () -> indexes.evictNamespace(namespace));
    }

    public Uni<Long> evictAll() {
        return guarded("all entries", "all", List.of(""), indexes::evictAll);
    }

    /** The budget bounds the caller's wait, not the eviction: a large tag is evicted whole, in the background. */
    private Uni<Long> guarded(String what, String kind, Collection<String> names, Supplier<Uni<Long>> eviction) {
        return Uni.createFrom().deferred(() -> {
            if (store.isOpen()) {
                // the layers in front keep their copies whatever the store does: they are purged all the same
                return indexes.purgeEdge(kind, names).chain(() -> Uni.createFrom().failure(
                        new ResponseCacheUnavailableException("Evicting " + what + " was refused: the response cache"
                                + " store failed repeatedly and is skipped (its circuit breaker is open)")));
            }
            long started = System.nanoTime();
            AtomicBoolean outlivedItsBudget = new AtomicBoolean();
            CompletableFuture<Long> evicted = new CompletableFuture<>();
            eviction.get().ifNoItem().after(timeout.plus(BACKGROUND_LIMIT)).fail().subscribe().with(
                    count -> {
                        evicted.complete(count);
                        if (outlivedItsBudget.get()) {
                            LOG.infof("Response cache: evicting %s completed in the background, %d ms after it began:"
                                    + " %d entries", what, millisSince(started), count);
                        }
                    },
                    failure -> {
                        evicted.completeExceptionally(failure);
                        if (outlivedItsBudget.get()) {
                            LOG.warnf("Response cache: evicting %s did not complete in the background either (%s,"
                                    + " %d ms after it began); the entries it did not reach are served until they"
                                    + " expire", what, failure.toString(), millisSince(started));
                        }
                    });
            // a copy: the caller giving up must not cancel the eviction itself
            return Uni.createFrom().completionStage(evicted.copy()).ifNoItem().after(timeout).failWith(() -> {
                outlivedItsBudget.set(true);
                return new ResponseCacheUnavailableException("Evicting " + what + " did not complete within "
                        + timeout.toMillis() + " ms (quarkus.response-cache.invalidation.timeout); it goes on in the"
                        + " background");
            });
        });
    }

    /** @return what failed, each cause of a joined failure named: a composite's own message says nothing */
    public static String describe(Throwable failure) {
        if (failure instanceof CompositeException composite) {
            StringBuilder causes = new StringBuilder();
            for (Throwable cause : composite.getCauses()) {
                causes.append(causes.isEmpty() ? "" : "; ").append(cause);
            }
            return causes.toString();
        }
        return failure.toString();
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
