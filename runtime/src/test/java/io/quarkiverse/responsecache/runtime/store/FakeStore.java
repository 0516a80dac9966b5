package io.quarkiverse.responsecache.runtime.store;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.quarkiverse.responsecache.runtime.store.memory.MemoryResponseStore;
import io.quarkiverse.responsecache.spi.ResponseCacheClock;
import io.quarkiverse.responsecache.spi.ResponseStore;
import io.smallrye.mutiny.Uni;

/**
 * A store whose operations a test makes answer (from a {@link MemoryResponseStore}), fail, or never answer, and which
 * counts the calls it gets.
 */
public final class FakeStore implements ResponseStore {

    /** What an operation does when called. */
    public enum Behaviour {
        ANSWER,
        FAIL,
        HANG
    }

    public final MemoryResponseStore memory;
    public volatile Behaviour gets = Behaviour.ANSWER;
    public volatile Behaviour puts = Behaviour.ANSWER;
    public volatile Behaviour locks = Behaviour.ANSWER;
    public volatile Behaviour unlocks = Behaviour.ANSWER;
    public volatile Behaviour warmUps = Behaviour.ANSWER;
    public volatile Behaviour evictions = Behaviour.ANSWER;
    public final AtomicInteger getCalls = new AtomicInteger();
    public final AtomicInteger putCalls = new AtomicInteger();
    public final AtomicInteger lockCalls = new AtomicInteger();
    public final AtomicInteger unlockCalls = new AtomicInteger();
    public final AtomicInteger warmUpCalls = new AtomicInteger();
    /** Runs at each {@link #tryLock} call, before it is answered: another instance acting at that moment. */
    public volatile Runnable beforeLock = () -> {
    };

    public FakeStore(ResponseCacheClock clock) {
        this.memory = new MemoryResponseStore(64L * 1024 * 1024, clock);
    }

    @Override
    public Uni<byte[]> get(String key) {
        getCalls.incrementAndGet();
        return behave(gets, () -> memory.get(key));
    }

    @Override
    public Uni<Void> put(String key, byte[] entry, Duration timeToLive, Map<String, String> memberships) {
        putCalls.incrementAndGet();
        return behave(puts, () -> memory.put(key, entry, timeToLive, memberships));
    }

    @Override
    public Uni<Long> delete(String key) {
        return behave(evictions, () -> memory.delete(key));
    }

    @Override
    public Uni<Set<String>> members(String index) {
        return behave(evictions, () -> memory.members(index));
    }

    @Override
    public Uni<Long> evictIndex(String index) {
        return behave(evictions, () -> memory.evictIndex(index));
    }

    @Override
    public Uni<Boolean> tryLock(String lockKey, String token, Duration lease) {
        lockCalls.incrementAndGet();
        beforeLock.run();
        return behave(locks, () -> memory.tryLock(lockKey, token, lease));
    }

    @Override
    public Uni<Void> unlock(String lockKey, String token) {
        unlockCalls.incrementAndGet();
        return behave(unlocks, () -> memory.unlock(lockKey, token));
    }

    @Override
    public Uni<Void> warmUp() {
        warmUpCalls.incrementAndGet();
        return behave(warmUps, memory::warmUp);
    }

    private static <T> Uni<T> behave(Behaviour behaviour, Supplier<Uni<T>> answer) {
        return switch (behaviour) {
            case ANSWER -> Uni.createFrom().deferred(answer::get);
            case FAIL -> Uni.createFrom().failure(new IllegalStateException("the store is down"));
            case HANG -> Uni.createFrom().nothing();
        };
    }
}
