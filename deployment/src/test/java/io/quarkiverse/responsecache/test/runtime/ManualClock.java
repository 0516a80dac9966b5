package io.quarkiverse.responsecache.test.runtime;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import io.quarkiverse.responsecache.spi.ResponseCacheClock;

/**
 * The cache's clock in a test application: it starts at the real time and then stands still until the test moves it
 * with {@link #advance}. Freshness, ages, stale windows, the breaker's open period and the memory store's expiry then
 * depend on what the test says, never on how fast a busy machine runs it. Redis's own TTLs still run on real time.
 * <p>
 * A test application replaces the system clock by adding this class ({@code root.addClasses(ManualClock.class)}); the
 * test injects the same bean with {@code @Inject ManualClock clock}.
 */
@Singleton
public class ManualClock implements ResponseCacheClock {

    private final long startMillis = System.currentTimeMillis();
    private final long startNanos = System.nanoTime();
    private final AtomicLong advancedNanos = new AtomicLong();

    @Override
    public long currentTimeMillis() {
        return startMillis + advancedNanos.get() / 1_000_000;
    }

    @Override
    public long nanoTime() {
        return startNanos + advancedNanos.get();
    }

    /** Moves the time forward; every reader sees it at once. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + duration);
        }
        advancedNanos.addAndGet(duration.toNanos());
    }
}
