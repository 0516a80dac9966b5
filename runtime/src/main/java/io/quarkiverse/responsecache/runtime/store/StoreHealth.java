package io.quarkiverse.responsecache.runtime.store;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.quarkiverse.responsecache.spi.ResponseCacheClock;

/**
 * One side of the store's health as requests see it (its lookups, or its writes): a circuit breaker, and a log that
 * speaks once per incident instead of once per failed request.
 * <p>
 * Closed: every call goes to the store. After {@code failureThreshold} failures in a row it opens: calls are skipped
 * for {@code openDuration}. Then one call (and only one) probes; its success closes the breaker, its failure opens it
 * again.
 * <p>
 * An incident starts with the first failure after a healthy spell (a {@code WARN}) and ends (an {@code INFO}) when the
 * breaker closes after a successful probe, or, when it never opened, once {@code failureThreshold} calls in a row have
 * succeeded and no call has failed for {@code openDuration}. So a store that fails now and then, or flaps, is one
 * incident, not a line per failure; and an incident that ended leaves the log ready for the next one.
 * <p>
 * The writes' side is covered by the lookups' side: while lookups are in an incident (the store is down), failing
 * writes are part of it and log nothing of their own.
 */
public final class StoreHealth {

    private static final Logger LOG = Logger.getLogger(StoreHealth.class);

    /** What a side's log lines say. */
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
    /** The last failure, described, for health checks and consoles; null until the store first fails. */
    private volatile String lastFailure;
    /** Whether an incident's first line was logged and its last one is still owed. */
    private final AtomicBoolean incident = new AtomicBoolean();
    /** Successes in a row since the last failure, counted only during an incident. */
    private final AtomicInteger successesInIncident = new AtomicInteger();
    private volatile long lastFailureNanos;
    /** Run when an incident ends: the store answers again, maybe a server configured otherwise. */
    private volatile Runnable onRecovery = () -> {
    };

    /** The lookups' side. */
    public StoreHealth(int failureThreshold, Duration openDuration, ResponseCacheClock clock) {
        this(Side.LOOKUPS, null, failureThreshold, openDuration, clock);
    }

    /**
     * @param coveredBy the side whose incident, while it lasts, includes this side's failures, or null
     */
    public StoreHealth(Side side, StoreHealth coveredBy, int failureThreshold, Duration openDuration,
            ResponseCacheClock clock) {
        this.side = side;
        this.coveredBy = coveredBy;
        this.clock = clock;
        this.failureThreshold = Math.max(1, failureThreshold);
        this.openNanos = openDuration.toNanos();
    }

    /** @return whether a call may go to the store now; while open, lets exactly one probe through per period */
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

    /** @return whether an incident was logged and has not ended yet */
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

    /** @param action what to do when an incident ends (once per incident) */
    public void onRecovery(Runnable action) {
        this.onRecovery = action;
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
