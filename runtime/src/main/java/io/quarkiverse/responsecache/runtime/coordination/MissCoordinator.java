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
 * Makes one request per key run the endpoint on a miss: in this instance always (the others wait for its response),
 * and across instances when the distributed lock is on (a request that finds the key locked polls for the holder's
 * entry instead of computing it too).
 * <p>
 * A computed response stays joinable after its entry is written, but only by requests whose lookup began before the
 * write landed (and so missed): they take it instead of computing the key again. It is dropped one lookup timeout
 * later, when no such lookup can still be under way.
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
    /** Keys computed by a request of this instance. */
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

    /** @return the moment a lookup begins, for {@link #join}: call it before asking the store */
    public long lookupStarts() {
        return System.nanoTime();
    }

    /**
     * @param lookupStartedNanos when this request's lookup began ({@link #lookupStarts()})
     * @return this request's part in computing {@code key}, which missed: leading it, or following the request that
     *         does
     */
    public Computation join(String key, long lookupStartedNanos) {
        return join(key, lookupStartedNanos, EntryMarks.NOTHING);
    }

    /**
     * @param observed the fingerprint of what this request's lookup found under the key
     *        ({@link io.quarkiverse.responsecache.runtime.store.StoreLookup#fingerprint()})
     */
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
     * @return for a follower, the leader's response; a null item when the leader failed, stored nothing (its store
     *         was refused after an eviction), took longer than the coalescing timeout, or when an eviction ran
     *         between the leader's lookup and this follower's (the follower then computes the key itself)
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

    /**
     * @return whether the leader took its key's distributed lock; a store failure, or a store whose writes are being
     *         skipped, counts as taken (fail open)
     */
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
     * Another instance holds the leader's lock: polls for that instance's entry until it appears, or until the lock
     * can be taken (its holder died and its lease ran out) or the wait is over.
     *
     * @return the other instance's fresh entry, or a null item when this request must compute the key
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
     * The key's response is ready and its write under the claim runs: the followers get the response once it is
     * stored. When the store is refused (an eviction wrote the key since the claim) or fails, they get nothing and
     * compute the key themselves, and the flight ends. Then the lock is released, and a stored response stays
     * joinable for one lookup timeout more.
     *
     * @param write the store under the leader's claim: whether it stored the response
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

    /**
     * The leader answers with an entry it did not compute (another instance's, or a stale one): its followers get it
     * too, and its lock, if any, goes.
     */
    public void answered(Computation computation, CachedResponse response) {
        end(computation, response);
    }

    /** The request ended without a response to store: its followers compute the key themselves. */
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

    /** @return the key of the lock that one computation (or refresh) of {@code key} at a time holds */
    public static String lockKey(String key) {
        return key + ":lock";
    }
}
