package io.quarkiverse.responsecache.runtime.coordination;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.store.GuardedStore;
import io.quarkiverse.responsecache.spi.EntryMarks;
import io.quarkiverse.responsecache.spi.ResponseCacheClock;
import io.smallrye.mutiny.Uni;

/**
 * One computation per key on a miss: in this instance always, across instances with the distributed lock. See
 * architecture.adoc, section "One computation per key".
 */
@Singleton
public class MissCoordinator {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(25);
    private static final Uni<Void> NOTHING = Uni.createFrom().voidItem();

    private final GuardedStore store;
    private final ResponseCacheClock clock;
    private final boolean coalescing;
    private final Duration coalescingTimeout;
    private final boolean distributedLock;
    private final Duration lease;
    private final Duration lockWait;
    private final Duration joinableAfterWrite;
    private final Map<String, Flight> flights = new ConcurrentHashMap<>();

    @Inject
    public MissCoordinator(GuardedStore store, ResponseCacheConfig config, ResponseCacheClock clock) {
        this.store = store;
        this.clock = clock;
        this.coalescing = config.coalescing().enabled();
        this.coalescingTimeout = config.coalescing().timeout();
        this.distributedLock = config.distributedLock().enabled();
        this.lease = config.distributedLock().lease();
        this.lockWait = config.distributedLock().maxWait();
        this.joinableAfterWrite = config.lookupTimeout();
    }

    /** Call it before asking the store: {@link #join} needs when the lookup began. */
    public long lookupStarts() {
        return System.nanoTime();
    }

    public Computation join(String key, long lookupStartedNanos) {
        return join(key, lookupStartedNanos, EntryMarks.NOTHING);
    }

    /** @param observed the fingerprint of what this request's lookup found under the key */
    public Computation join(String key, long lookupStartedNanos, String observed) {
        if (!coalescing) {
            return new Computation(key, null, true, observed);
        }
        Flight mine = new Flight(observed);
        while (true) {
            Flight existing = flights.putIfAbsent(key, mine);
            if (existing == null) {
                return new Computation(key, mine, true, observed);
            }
            if (existing.joinableBy(lookupStartedNanos)) {
                return new Computation(key, existing, false, observed);
            }
            flights.remove(key, existing);
        }
    }

    /**
     * @return the leader's response; null when the leader stored nothing, timed out, or an eviction ran between the
     *         leader's lookup and this follower's (which then computes the key itself)
     */
    public Uni<CachedResponse> awaitLeader(Computation follower) {
        Flight flight = follower.flight;
        return Uni.createFrom().completionStage(flight.response)
                .ifNoItem().after(coalescingTimeout).recoverWithItem(() -> null)
                .map(response -> response != null && flight.sharesStateWith(follower.observed) ? response : null);
    }

    public boolean distributedLockEnabled() {
        return distributedLock;
    }

    /** A store failure, or writes being skipped, counts as taken (fail open). */
    public Uni<Boolean> tryLock(Computation leader) {
        if (!store.acceptsWrites()) {
            return Uni.createFrom().item(true);
        }
        String token = UUID.randomUUID().toString();
        return store.tryLock(lockKey(leader.key), token, lease)
                .onItem().invoke(taken -> {
                    if (taken) {
                        leader.lockToken = token;
                    }
                })
                .onFailure().recoverWithItem(true);
    }

    /**
     * Polls for the lock holder's entry until it appears, the lock can be taken (its holder died) or the wait is over.
     *
     * @return a null item when this request must compute the key
     */
    public Uni<CachedResponse> awaitOtherInstance(Computation leader) {
        return pollOtherInstance(leader, clock.nanoTime() + lockWait.toNanos());
    }

    private Uni<CachedResponse> pollOtherInstance(Computation leader, long deadlineNanos) {
        return Uni.createFrom().voidItem().onItem().delayIt().by(POLL_INTERVAL)
                .chain(() -> freshEntry(leader.key))
                .chain(found -> {
                    if (found != null) {
                        return Uni.createFrom().item(found);
                    }
                    if (clock.nanoTime() - deadlineNanos >= 0) {
                        return Uni.createFrom().nullItem();
                    }
                    return tryLock(leader).chain(taken -> taken
                            // the lock was free: its holder either died, or wrote the entry and let go between the
                            // last look and this one; one more look tells which
                            ? freshEntry(leader.key)
                            : pollOtherInstance(leader, deadlineNanos));
                });
    }

    private Uni<CachedResponse> freshEntry(String key) {
        return store.get(key).onFailure().recoverWithNull()
                .map(found -> found != null && found.isFresh(clock.currentTimeMillis()) ? found : null);
    }

    /**
     * Followers get the response once it is stored under the claim; when the store is refused or fails, they compute the
     * key themselves.
     */
    public void completed(Computation computation, CachedResponse response, Uni<Boolean> write) {
        if (!computation.ended.compareAndSet(false, true)) {
            return;
        }
        Flight flight = computation.leads() ? computation.flight : null;
        write.onFailure().recoverWithItem(false)
                .onTermination().call(() -> unlock(computation))
                .subscribe().with(stored -> {
                    if (flight == null) {
                        return;
                    }
                    if (!stored) {
                        flights.remove(computation.key, flight);
                        flight.response.complete(null);
                        return;
                    }
                    flight.written();
                    flight.response.complete(response);
                    Uni.createFrom().voidItem().onItem().delayIt().by(joinableAfterWrite)
                            .subscribe().with(ignored -> flights.remove(computation.key, flight));
                });
    }

    public void answered(Computation computation, CachedResponse response) {
        end(computation, response);
    }

    public void abandoned(Computation computation) {
        end(computation, null);
    }

    private void end(Computation computation, CachedResponse response) {
        if (!computation.ended.compareAndSet(false, true)) {
            return;
        }
        if (computation.leads() && computation.flight != null) {
            flights.remove(computation.key, computation.flight);
            computation.flight.response.complete(response);
        }
        unlock(computation).subscribe().with(ignored -> {
        });
    }

    private Uni<Void> unlock(Computation computation) {
        String token = computation.lockToken;
        if (token == null) {
            return NOTHING;
        }
        computation.lockToken = null;
        return store.unlock(lockKey(computation.key), token);
    }

    public static String lockKey(String key) {
        return key + ":lock";
    }
}
