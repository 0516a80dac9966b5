package io.quarkiverse.responsecache.runtime.store.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * The memory store's locks, each held until its holder releases it or its lease ends. A lease that ends removes the
 * lock, so a holder that never releases leaves nothing behind.
 */
final class MemoryLocks {

    private record Lock(String token, long expiresAtNanos) {
    }

    private final Ticker ticker;
    private final Cache<String, Lock> held;

    MemoryLocks(Ticker ticker) {
        this.ticker = ticker;
        this.held = Caffeine.newBuilder()
                .expireAfter(Expiry.<String, Lock> creating((key, lock) -> java.time.Duration
                        .ofNanos(Math.max(0, lock.expiresAtNanos() - ticker.read()))))
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    boolean tryLock(String lockKey, String token, long leaseNanos) {
        boolean[] taken = new boolean[1];
        held.asMap().compute(lockKey, (key, running) -> {
            // a lock whose lease ended arrives here as null
            if (running != null) {
                return running;
            }
            taken[0] = true;
            return new Lock(token, ticker.read() + leaseNanos);
        });
        return taken[0];
    }

    void unlock(String lockKey, String token) {
        held.asMap().computeIfPresent(lockKey, (key, running) -> running.token().equals(token) ? null : running);
    }
}
