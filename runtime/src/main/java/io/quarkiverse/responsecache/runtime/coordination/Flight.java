package io.quarkiverse.responsecache.runtime.coordination;

import java.util.concurrent.CompletableFuture;

import io.quarkiverse.responsecache.runtime.entry.CachedResponse;

/** One computation of a key in this instance, as the requests that follow it see it. */
final class Flight {

    private static final long NOT_WRITTEN = Long.MAX_VALUE;

    /** The leader's response, or null when it has none to share. */
    final CompletableFuture<CachedResponse> response = new CompletableFuture<>();
    /**
     * When the entry was written, or {@link #NOT_WRITTEN}. {@link System#nanoTime()} rather than the cache's clock:
     * this orders two events (a write and a lookup), it does not measure how long anything is fresh.
     */
    private volatile long writtenAtNanos = NOT_WRITTEN;

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
