package io.quarkiverse.responsecache.runtime.store;

import java.time.Duration;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.observe.ResponseCacheEvents;
import io.quarkiverse.responsecache.spi.ResponseCacheClock;
import io.smallrye.mutiny.Uni;

/**
 * How {@link GuardedStore} bounds and judges each call: a timeout, a breaker (one for lookups, one for writes: see
 * architecture.adoc, section "Store health"), failures to the observers. Stateless.
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

    <T> Uni<T> lookup(String operation, Uni<T> call) {
        return reported(operation, call, lookupTimeout, lookups);
    }

    /** A write that a request waits for before its computation (a claim, a lock): bounded like a lookup. */
    <T> Uni<T> awaitedWrite(String operation, Uni<T> call) {
        return reported(operation, call, lookupTimeout, writes);
    }

    <T> Uni<T> write(String operation, Uni<T> call) {
        return reported(operation, call, writeTimeout, writes);
    }

    /** Its failure is counted and swallowed, its success not counted: a store that refuses new data still deletes. */
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
