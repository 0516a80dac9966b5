package io.quarkiverse.responsecache.runtime.coordination;

import java.util.concurrent.CompletableFuture;

import io.quarkiverse.responsecache.runtime.entry.CachedResponse;

/** One computation of a key in this instance, as the requests that follow it see it. */
final class Flight {

    private static final long NOT_WRITTEN = Long.MAX_VALUE;

    /**
     * The leader's response once it may be shared: stored under its claim, or an entry it found. Null when it has none
     * to share (its store was refused: an eviction ran during its computation).
     */
    final CompletableFuture<CachedResponse> response = new CompletableFuture<>();
    /** The fingerprint of what the leader's lookup found under the key. */
    final String leaderObserved;
    /** The fingerprint of what the leader's claim left under the key, once claimed. */
    volatile String leaderClaim;
    /**
     * When the entry was written, or {@link #NOT_WRITTEN}. {@link System#nanoTime()} rather than the cache's clock:
     * this orders two events (a write and a lookup), it does not measure how long anything is fresh.
     */
    private volatile long writtenAtNanos = NOT_WRITTEN;

    Flight(String leaderObserved) {
        this.leaderObserved = leaderObserved;
    }

    /**
     * @return whether a follower whose lookup found {@code observed} under the key may take the leader's response:
     *         it found what the leader found, or what the leader's claim left. Anything else (a tombstone) means an
     *         eviction ran after the leader looked, and the follower arrived after it.
     */
    boolean sharesStateWith(String observed) {
        return observed.equals(leaderObserved) || observed.equals(leaderClaim);
    }

    void written() {
        writtenAtNanos = System.nanoTime();
    }

    /**
     * @return whether a request whose lookup began at {@code lookupStartedNanos} and missed may take this flight's
     *         response: the flight is still running, or its entry landed after that lookup began (so the lookup could
     *         not see it). A request whose lookup began after the entry landed, and still missed, finds it gone
     *         (evicted, expired) and must not be handed it.
     */
    boolean joinableBy(long lookupStartedNanos) {
        long written = writtenAtNanos;
        return written == NOT_WRITTEN || written - lookupStartedNanos >= 0;
    }
}
