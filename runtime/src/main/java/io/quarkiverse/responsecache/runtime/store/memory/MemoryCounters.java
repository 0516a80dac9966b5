package io.quarkiverse.responsecache.runtime.store.memory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * The memory store's counters (see {@code ResponseStore#increment}): those raised with a lifetime leave when it ends,
 * so they never grow without bound; those incremented stay.
 */
final class MemoryCounters {

    private record Counter(long value, long expiresAtNanos) {
        static final long NEVER = Long.MAX_VALUE;
    }

    private final Ticker ticker;
    private final Cache<String, Counter> counters;

    MemoryCounters(Ticker ticker) {
        this.ticker = ticker;
        this.counters = Caffeine.newBuilder()
                .expireAfter(Expiry.<String, Counter> writing((key, counter) -> counter.expiresAtNanos() == Counter.NEVER
                        ? Duration.ofNanos(Long.MAX_VALUE)
                        : Duration.ofNanos(Math.max(0, counter.expiresAtNanos() - ticker.read()))))
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    long increment(String key) {
        return counters.asMap().merge(key, new Counter(1, Counter.NEVER),
                (current, one) -> new Counter(current.value() + 1, Counter.NEVER)).value();
    }

    void raise(String key, long value, Duration timeToLive) {
        long until = ticker.read() + timeToLive.toNanos();
        counters.asMap().merge(key, new Counter(value, until), (current, raised) -> new Counter(
                Math.max(current.value(), value), Math.max(current.expiresAtNanos(), until)));
    }

    List<Long> read(List<String> keys) {
        List<Long> values = new ArrayList<>(keys.size());
        for (String key : keys) {
            Counter counter = counters.getIfPresent(key);
            values.add(counter == null ? 0L : counter.value());
        }
        return values;
    }
}
