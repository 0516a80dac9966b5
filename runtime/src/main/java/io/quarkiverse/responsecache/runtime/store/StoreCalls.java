package io.quarkiverse.responsecache.runtime.store;

import java.time.Duration;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.observe.ResponseCacheEvents;
import io.quarkiverse.responsecache.spi.ResponseCacheClock;
import io.smallrye.mutiny.Uni;

/**
 * How {@link GuardedStore} bounds and judges each call to the store: a timeout, its outcome reported to a breaker and
 * its failure to the observers. Holds no state of its own (each {@link StoreHealth} guards its own).
 * <p>
 * Lookups and writes have a breaker each. A store can answer lookups and refuse every write (Redis at {@code maxmemory}
 * with {@code noeviction}, a key of the wrong type where a write adds to an index): with one breaker the successful
 * lookups in between would keep it closed forever while nothing is stored, and nobody would be told.
 */
final class StoreCalls {

    private final StoreHealth lookups;
    private final StoreHealth writes;
    private final Duration lookupTimeout;
    private final Duration writeTimeout;
    private final ResponseCacheEvents events;

    StoreCalls(ResponseCacheConfig config, ResponseCacheClock clock, ResponseCacheEvents events) {
        this.lookups = new StoreHealth(config.circuitBreaker().failureThreshold(),
                config.circuitBreaker().openDuration(), clock);
        this.writes = new StoreHealth(StoreHealth.Side.WRITES, lookups, config.circuitBreaker().failureThreshold(),
                config.circuitBreaker().openDuration(), clock);
        this.lookupTimeout = config.lookupTimeout();
        this.writeTimeout = config.writeTimeout();
        this.events = events;
    }

    StoreHealth lookups() {
        return lookups;
    }

    StoreHealth writes() {
        return writes;
    }

    /** A lookup: bounded by the lookup timeout, judged by the lookups' breaker. */
    <T> Uni<T> lookup(String operation, Uni<T> call) {
        return reported(operation, call, lookupTimeout, lookups);
    }

    /** A write that a request waits for before its computation (a claim, a lock): bounded like a lookup. */
    <T> Uni<T> awaitedWrite(String operation, Uni<T> call) {
        return reported(operation, call, lookupTimeout, writes);
    }

    /** A write: bounded by the write timeout, judged by the writes' breaker. */
    <T> Uni<T> write(String operation, Uni<T> call) {
        return reported(operation, call, writeTimeout, writes);
    }

    /**
     * A delete of something this instance wrote (a claim, a lock): bounded by the write timeout, its failure counted
     * by the writes' breaker and then swallowed, its success not counted (a store that refuses new data still deletes).
     */
    Uni<Void> deleting(String operation, Uni<Void> call) {
        return call.ifNoItem().after(writeTimeout).fail()
                .onFailure().invoke(failure -> {
                    writes.failed(failure);
                    events.storeFailed(operation);
                })
                .onFailure().recoverWithNull();
    }

    /** Eviction calls are not bounded by the request timeouts nor judged by the breaker; their failures are counted. */
    <T> Uni<T> counted(String operation, Uni<T> call) {
        return call.onFailure().invoke(failure -> events.storeFailed(operation));
    }

    /** Bounded by the lookup timeout, judged by no breaker. */
    <T> Uni<T> withinLookupTimeout(Uni<T> call) {
        return call.ifNoItem().after(lookupTimeout).fail();
    }

    /** Bounded by the write timeout, judged by no breaker. */
    <T> Uni<T> withinWriteTimeout(Uni<T> call) {
        return call.ifNoItem().after(writeTimeout).fail();
    }

    private <T> Uni<T> reported(String operation, Uni<T> call, Duration timeout, StoreHealth health) {
        return call.ifNoItem().after(timeout).fail()
                .onItemOrFailure().invoke((item, failure) -> {
                    if (failure == null) {
                        health.succeeded();
                    } else {
                        health.failed(failure);
                        events.storeFailed(operation);
                    }
                });
    }
}
