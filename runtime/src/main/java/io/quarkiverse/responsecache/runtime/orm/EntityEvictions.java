package io.quarkiverse.responsecache.runtime.orm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.invalidation.GuardedEvictions;
import io.quarkiverse.responsecache.runtime.store.GuardedStore;
import io.quarkiverse.responsecache.spi.EntryMarks;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;

/**
 * Evicts the tags of entity writes under the write generation and the tags' epochs, so no entry computed from what a
 * write changed is stored after it. See entity-tracking.adoc.
 */
@Singleton
public class EntityEvictions {

    /** The store could not tell: the computation's entry is not stored. */
    public static final long UNKNOWN_GENERATION = -1;
    /** Beyond the longest computation whose entry may still be stored. */
    static final Duration EPOCH_LIFETIME = EntryMarks.MEMBERSHIP_GRACE.multipliedBy(2);
    private static final Logger LOG = Logger.getLogger(EntityEvictions.class);

    private final GuardedStore store;
    private final GuardedEvictions evictions;
    private final String generationKey;
    private final String epochPrefix;
    private final Duration waitLimit;
    private volatile Function<Class<?>, String> entityNames = type -> null;

    @Inject
    public EntityEvictions(GuardedStore store, GuardedEvictions evictions, ResponseCacheConfig config) {
        this.store = store;
        this.evictions = evictions;
        this.generationKey = config.prefix() + "#generation";
        this.epochPrefix = config.prefix() + "#epoch:";
        this.waitLimit = evictions.timeout().plus(config.writeTimeout().multipliedBy(2));
    }

    void entityNames(Function<Class<?>, String> names) {
        this.entityNames = names;
    }

    public Uni<Long> evictRow(Class<?> entityType, Object id) {
        return Uni.createFrom().deferred(() -> {
            return evict(EntityTags.ofWrittenRow(entityName(entityType), id));
        });
    }

    public Uni<Long> evictType(Class<?> entityType) {
        return Uni.createFrom().deferred(() -> {
            return evict(EntityTags.ofWrittenType(entityName(entityType)));
        });
    }

    private String entityName(Class<?> entityType) {
        String name = entityNames.apply(entityType);
        if (name == null) {
            throw new IllegalArgumentException(entityType.getName() + " is not an entity of any persistence unit");
        }
        return name;
    }

    public Uni<Long> generation() {
        return store.counters(List.of(generationKey))
                .map(values -> values.get(0) == Long.MAX_VALUE ? UNKNOWN_GENERATION : values.get(0))
                .onFailure().recoverWithItem(UNKNOWN_GENERATION);
    }

    /** @return whether no eviction of {@code tags} began after {@code generation} was read */
    public Uni<Boolean> untouchedSince(long generation, List<String> tags) {
        if (generation == UNKNOWN_GENERATION) {
            return Uni.createFrom().item(false);
        }
        return store.counters(List.of(generationKey)).chain(now -> {
            if (now.get(0) == generation) {
                return Uni.createFrom().item(true);
            }
            List<String> epochs = new ArrayList<>(tags.size());
            for (String tag : tags) {
                epochs.add(epochPrefix + tag);
            }
            return store.counters(epochs).map(values -> values.stream().allMatch(epoch -> epoch <= generation));
        }).onFailure().recoverWithItem(false);
    }

    /** The write's response waits, so the next read sees the write. Never waits on an event loop. */
    public void evictAndWait(Collection<String> tags) {
        Uni<Long> eviction = evict(tags);
        if (Context.isOnEventLoopThread()) {
            eviction.subscribe().with(evicted -> {
            }, failure -> warn(tags, failure));
            return;
        }
        try {
            eviction.await().atMost(waitLimit);
        } catch (RuntimeException failure) {
            warn(tags, failure);
        }
    }

    private static void warn(Collection<String> tags, Throwable failure) {
        LOG.warnf("Response cache: evicting %s after a committed write failed: %s", tags,
                GuardedEvictions.describe(failure));
    }

    /** Should the store refuse the counters, a computation running meanwhile may store what it read before. */
    public Uni<Long> evict(Collection<String> tags) {
        if (tags.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        Uni<Void> epochs = store.increment(generationKey).chain(generation -> {
            List<Uni<Void>> raised = new ArrayList<>(tags.size());
            for (String tag : tags) {
                raised.add(store.raise(epochPrefix + tag, generation, EPOCH_LIFETIME));
            }
            return Uni.join().all(raised).andFailFast().replaceWithVoid();
        }).onFailure().invoke(failure -> LOG.debugf("Response cache: the write generation could not be raised: %s",
                failure.toString()))
                .onFailure().recoverWithNull();
        return epochs.chain(() -> evictions.evictTags(tags));
    }
}
