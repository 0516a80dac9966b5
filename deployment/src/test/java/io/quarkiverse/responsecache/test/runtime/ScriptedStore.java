package io.quarkiverse.responsecache.test.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import io.quarkiverse.responsecache.spi.ResponseStore;
import io.smallrye.mutiny.Uni;

/**
 * A store that does what the test says and counts what it was asked. A test application that adds this class
 * replaces the cache's store with it (the default store is a {@code @DefaultBean}); the test injects the same bean.
 * Without a script it fails every call.
 */
@Singleton
public class ScriptedStore implements ResponseStore {

    /** How the store answers a call. */
    public enum Behaviour {
        /** Answers with an error at once. */
        FAIL,
        /** Never answers. */
        HANG,
        /** Answers correctly, two seconds late. */
        SLOW,
        /** Answers correctly and at once; it holds nothing, so every lookup misses. */
        EMPTY
    }

    static final Duration SLOW_ANSWER = Duration.ofSeconds(2);

    private volatile Behaviour lookups = Behaviour.FAIL;
    private volatile Behaviour writes = Behaviour.FAIL;
    private final AtomicInteger gets = new AtomicInteger();
    private final AtomicInteger puts = new AtomicInteger();
    private final AtomicInteger claims = new AtomicInteger();

    /** Sets how lookups and all other calls answer from now on, and forgets the calls counted so far. */
    public void script(Behaviour lookups, Behaviour writes) {
        this.lookups = lookups;
        this.writes = writes;
        gets.set(0);
        puts.set(0);
        claims.set(0);
    }

    /** @return the lookups asked since the last script */
    public int gets() {
        return gets.get();
    }

    /** @return the claims (before a computation) asked since the last script */
    public int claims() {
        return claims.get();
    }

    /** @return the writes asked since the last script */
    public int puts() {
        return puts.get();
    }

    @Override
    public Uni<byte[]> get(String key) {
        gets.incrementAndGet();
        return answer(lookups, null);
    }

    @Override
    public Uni<Void> put(String key, byte[] entry, Duration timeToLive, Map<String, String> memberships) {
        puts.incrementAndGet();
        return answer(writes, null);
    }

    /** A claim is a write that the request waits for. */
    @Override
    public Uni<String> claim(String key, Duration timeToLive, Map<String, String> memberships) {
        claims.incrementAndGet();
        return answer(writes, "");
    }

    @Override
    public Uni<Boolean> putIfClaimed(String key, String claim, byte[] entry, Duration timeToLive,
            Map<String, String> memberships) {
        puts.incrementAndGet();
        return answer(writes, true);
    }

    @Override
    public Uni<Void> index(String index, String member, Duration timeToLive) {
        return answer(writes, null);
    }

    @Override
    public Uni<Long> delete(String key) {
        return answer(writes, 0L);
    }

    @Override
    public Uni<Set<String>> members(String index) {
        return answer(writes, Set.of());
    }

    @Override
    public Uni<Long> evictIndex(String index) {
        return answer(writes, 0L);
    }

    @Override
    public Uni<Boolean> tryLock(String lockKey, String token, Duration lease) {
        return answer(writes, true);
    }

    @Override
    public Uni<Void> unlock(String lockKey, String token) {
        return answer(writes, null);
    }

    private static <T> Uni<T> answer(Behaviour behaviour, T item) {
        return switch (behaviour) {
            case FAIL -> Uni.createFrom().failure(new IllegalStateException("the scripted store fails"));
            case HANG -> Uni.createFrom().nothing();
            case SLOW -> Uni.createFrom().item(item).onItem().delayIt().by(SLOW_ANSWER);
            case EMPTY -> Uni.createFrom().item(item);
        };
    }
}
