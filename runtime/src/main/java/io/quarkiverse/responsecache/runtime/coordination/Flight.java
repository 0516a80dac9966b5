package io.quarkiverse.responsecache.runtime.coordination;

import java.util.concurrent.CompletableFuture;

import io.quarkiverse.responsecache.runtime.entry.CachedResponse;

/** One computation of a key in this instance, as the requests that follow it see it. */
final class Flight {

    private static final long NOT_WRITTEN = Long.MAX_VALUE;

    /** Null when the leader has nothing to share: its store was refused after an eviction. */
    final CompletableFuture<CachedResponse> response = new CompletableFuture<>();
    final String leaderObserved;
    volatile String leaderClaim;
    /** {@link System#nanoTime()}, not the cache's clock: it orders a write and a lookup, it measures no freshness. */
    private volatile long writtenAtNanos = NOT_WRITTEN;

    Flight(String leaderObserved) {
        this.leaderObserved = leaderObserved;
    }

    /** Anything but what the leader found or its claim left (a tombstone) means an eviction ran after the leader looked. */
    boolean sharesStateWith(String observed) {
        return observed.equals(leaderObserved) || observed.equals(leaderClaim);
    }

    void written() {
        writtenAtNanos = System.nanoTime();
    }

    /** A lookup that began after the entry landed and still missed finds it gone (evicted, expired): not joinable. */
    boolean joinableBy(long lookupStartedNanos) {
        long written = writtenAtNanos;
        return written == NOT_WRITTEN || written - lookupStartedNanos >= 0;
    }
}
