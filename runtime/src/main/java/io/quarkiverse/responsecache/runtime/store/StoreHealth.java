package io.quarkiverse.responsecache.runtime.store;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.quarkiverse.responsecache.runtime.time.ResponseCacheClock;

/**
 * The store's health as requests see it: a circuit breaker, and a log that speaks once per change of state instead of
 * once per failed request: when the store starts failing, when the breaker opens, when the store answers again.
 * <p>
 * Closed: every request asks the store. After {@code failureThreshold} failures in a row it opens: requests bypass the
 * cache without calling the store, for {@code openDuration}. Then one request (and only one) probes; its success
 * closes the breaker, its failure opens it again.
 */
public final class StoreHealth {

    private static final Logger LOG = Logger.getLogger(StoreHealth.class);

    private final ResponseCacheClock clock;
    private final int failureThreshold;
    private final long openNanos;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    /** 0 while closed; otherwise the nano time from which one probe is let through. */
    private final AtomicLong openUntil = new AtomicLong();
    /** Whether the last change of state logged was a failure, so a flapping store is not logged at every flap. */
    private final AtomicBoolean failingLogged = new AtomicBoolean();
    /** The last failure, described, for health checks and consoles; null until the store first fails. */
    private volatile String lastFailure;

    public StoreHealth(int failureThreshold, Duration openDuration, ResponseCacheClock clock) {
        this.clock = clock;
        this.failureThreshold = Math.max(1, failureThreshold);
        this.openNanos = openDuration.toNanos();
    }

    /** @return whether a request may call the store now; while open, lets exactly one probe through per period */
    public boolean allowsCall() {
        long until = openUntil.get();
        if (until == 0) {
            return true;
        }
        long now = clock.nanoTime();
        // the probe: the first caller after the period moves the deadline, so the others keep bypassing meanwhile
        return now - until >= 0 && openUntil.compareAndSet(until, now + openNanos);
    }

    /** @return whether the breaker is open (the store is being skipped) */
    public boolean isOpen() {
        return openUntil.get() != 0;
    }

    public void succeeded() {
        // read before writing: every hit reports here, and a write would bounce the cache line between event loops
        if (consecutiveFailures.get() != 0) {
            consecutiveFailures.set(0);
        }
        if (openUntil.get() != 0 && openUntil.getAndSet(0) != 0 && failingLogged.compareAndSet(true, false)) {
            LOG.info("The response cache store answers again: cached responses are served again");
        }
    }

    /** @return the last failure of the store, described in one line, or null when it never failed */
    public String lastFailure() {
        return lastFailure;
    }

    /** @return how many calls in a row failed; 0 once one succeeds */
    public int consecutiveFailures() {
        return consecutiveFailures.get();
    }

    public void failed(Throwable failure) {
        lastFailure = describe(failure);
        int failures = consecutiveFailures.incrementAndGet();
        if (failures == 1 && failingLogged.compareAndSet(false, true)) {
            LOG.warnf("The response cache store failed (%s); requests it cannot answer are served uncached",
                    describe(failure));
        } else {
            LOG.debugf("The response cache store failed again (%s)", describe(failure));
        }
        if (failures >= failureThreshold && openUntil.compareAndSet(0, clock.nanoTime() + openNanos)) {
            LOG.warnf("The response cache store failed %d times in a row: it is skipped for %d ms, then probed again",
                    failures, openNanos / 1_000_000);
        }
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : failure.getClass().getSimpleName() + ": " + message;
    }
}
