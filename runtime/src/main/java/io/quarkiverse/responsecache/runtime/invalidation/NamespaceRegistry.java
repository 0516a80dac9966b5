package io.quarkiverse.responsecache.runtime.invalidation;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkiverse.responsecache.runtime.store.GuardedStore;
import io.quarkiverse.responsecache.spi.EntryMarks;
import io.quarkiverse.responsecache.spi.ResponseCacheClock;
import io.smallrye.mutiny.Uni;

/**
 * The registry of namespaces (one index under {@code <prefix>#namespaces}), so that everything can be evicted without
 * {@code KEYS}. Each instance writes a namespace once, then again only about every {@link #REFRESH}, not with every
 * entry: it is the one key every namespace shares.
 */
final class NamespaceRegistry {

    static final Duration REFRESH = Duration.ofMinutes(1);

    private final GuardedStore store;
    private final ResponseCacheClock clock;
    private final String index;
    /** Until when (the cache's clock, ms) this instance knows each namespace to be in the registry. */
    private final Map<String, Long> registeredUntil = new ConcurrentHashMap<>();

    NamespaceRegistry(GuardedStore store, ResponseCacheClock clock, String index) {
        this.store = store;
        this.clock = clock;
        this.index = index;
    }

    /** Keeps it listed as long as an entry claimed now can live; writes only if not done recently enough. */
    Uni<Void> register(String namespace, Duration timeToLive) {
        long now = clock.currentTimeMillis();
        Duration needed = timeToLive.plus(EntryMarks.MEMBERSHIP_GRACE);
        Long until = registeredUntil.get(namespace);
        if (until != null && until - now >= needed.toMillis()) {
            return Uni.createFrom().voidItem();
        }
        Duration written = needed.plus(REFRESH);
        return store.index(index, namespace, written)
                .invoke(() -> registeredUntil.merge(namespace, now + written.toMillis(), Math::max));
    }

    /** @return the registry's and this instance's own, should the registry have been lost */
    Uni<Set<String>> namespaces() {
        return store.members(index).map(registered -> {
            Set<String> namespaces = new HashSet<>(registered);
            namespaces.addAll(registeredUntil.keySet());
            return namespaces;
        });
    }

    /** Everything was evicted: this instance writes its namespaces again with its next entries. */
    void forget() {
        registeredUntil.clear();
    }
}
