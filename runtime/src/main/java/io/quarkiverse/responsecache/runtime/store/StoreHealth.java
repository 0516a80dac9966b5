package io.quarkiverse.responsecache.runtime.store;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.quarkiverse.responsecache.spi.ResponseCacheClock;

/**
 * One side of the store's health (its lookups, or its writes): a circuit breaker, and a log that speaks once per
 * incident rather than once per failed request. See architecture.adoc, section "Store health".
 */
public final class StoreHealth {

    private static final Logger LOG = Logger.getLogger(StoreHealth.class);

    public enum Side {
        LOOKUPS("The response cache store failed (%s); requests it cannot answer are served uncached",
                "The response cache store failed %d times in a row: it is skipped for %d ms, then probed again",
                "The response cache store answers again: cached responses are served again"),
        WRITES("The response cache store refused a write (%s); responses are served, but may not be stored",
                "The response cache store refused %d writes in a row: responses are not stored for %d ms,"
                        + " then one write probes it again",
                "The response cache store accepts writes again: responses are stored again");

        final String starts;
        final String opens;
        final String ends;

        Side(String starts, String opens, String ends) {
            this.starts = starts;
            this.opens = opens;
            this.ends = ends;
        }
    }

    private final Side side;
    private final StoreHealth coveredBy;
    private final ResponseCacheClock clock;
    private final int failureThreshold;
    private final long openNanos;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    /** 0 while closed; otherwise the nano time from which one probe is let through. */
    private final AtomicLong openUntil = new AtomicLong();
    private volatile String lastFailure;
    private final AtomicBoolean incident = new AtomicBoolean();
    private final AtomicInteger successesInIncident = new AtomicInteger();
    private volatile long lastFailureNanos;
    /** The store answers again, maybe a server configured otherwise. */
    private volatile Runnable onRecovery = () -> {
    };

    public StoreHealth(int failureThreshold, Duration openDuration, ResponseCacheClock clock) {
        this(Side.LOOKUPS, null, failureThreshold, openDuration, clock);
    }

    /** @param coveredBy the side whose incident, while it lasts, includes this side's failures, or null */
    public StoreHealth(Side side, StoreHealth coveredBy, int failureThreshold, Duration openDuration,
            ResponseCacheClock clock) {
        this.side = side;
        this.coveredBy = coveredBy;
        this.clock = clock;
        this.failureThreshold = Math.max(1, failureThreshold);
        this.openNanos = openDuration.toNanos();
    }

    public boolean allowsCall() {
        long until = openUntil.get();
        if (until == 0) {
            return true;
        }
        long now = clock.nanoTime();
        // the probe: the first caller after the period moves the deadline, so the others keep bypassing meanwhile
        return now - until >= 0 && openUntil.compareAndSet(until, now + openNanos);
    }

    public boolean isOpen() {
        return openUntil.get() != 0;
    }

    public boolean inIncident() {
        return incident.get();
    }

    public void succeeded() {
        // read before writing: every hit reports here, and a write would bounce the cache line between event loops
        if (consecutiveFailures.get() != 0) {
            consecutiveFailures.set(0);
        }
        boolean closed = openUntil.get() != 0 && openUntil.getAndSet(0) != 0;
        if (!incident.get()) {
            return;
        }
        if (closed || (successesInIncident.incrementAndGet() >= failureThreshold
                && clock.nanoTime() - lastFailureNanos >= openNanos)) {
            if (incident.compareAndSet(true, false)) {
                LOG.info(side.ends);
                onRecovery.run();
            }
        }
    }

    public void onRecovery(Runnable action) {
        this.onRecovery = action;
    }

    public String lastFailure() {
        return lastFailure;
    }

    public int consecutiveFailures() {
        return consecutiveFailures.get();
    }

    public void failed(Throwable failure) {
        lastFailure = describe(failure);
        lastFailureNanos = clock.nanoTime();
        successesInIncident.set(0);
        int failures = consecutiveFailures.incrementAndGet();
        boolean covered = coveredBy != null && coveredBy.inIncident();
        if (!covered && !incident.get() && incident.compareAndSet(false, true)) {
            LOG.warnf(side.starts, describe(failure));
        } else {
            LOG.debugf("The response cache store failed again (%s)", describe(failure));
        }
        if (failures >= failureThreshold && openUntil.compareAndSet(0, clock.nanoTime() + openNanos)) {
            if (incident.get()) {
                LOG.warnf(side.opens, failures, openNanos / 1_000_000);
            } else {
                LOG.debugf(side.opens, failures, openNanos / 1_000_000);
            }
        }
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : failure.getClass().getSimpleName() + ": " + message;
    }
}
