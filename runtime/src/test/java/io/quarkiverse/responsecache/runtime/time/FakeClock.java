package io.quarkiverse.responsecache.runtime.time;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.quarkiverse.responsecache.spi.ResponseCacheClock;

/** A clock that only moves when a test moves it; both of its times move together. */
public final class FakeClock implements ResponseCacheClock {

    private final AtomicLong millis;
    private final AtomicLong nanos;

    public FakeClock() {
        // far from zero on both scales, so no test passes because of a zero default
        this(1_800_000_000_000L, 5_000_000_000_000L);
    }

    public FakeClock(long millis, long nanos) {
        this.millis = new AtomicLong(millis);
        this.nanos = new AtomicLong(nanos);
    }

    public void advance(Duration duration) {
        millis.addAndGet(duration.toMillis());
        nanos.addAndGet(duration.toNanos());
    }

    @Override
    public long currentTimeMillis() {
        return millis.get();
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }
}
