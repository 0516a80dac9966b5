package io.quarkiverse.responsecache.runtime.store;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.store.memory.MemoryResponseStore;
import io.quarkiverse.responsecache.spi.ResponseStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Asks the store to check its server's settings again every {@code eviction-policy-check-interval}: an operator's
 * {@code CONFIG SET maxmemory-policy allkeys-lru} on a running Redis is noticed without a restart.
 */
@Singleton
public class StoreConfigurationWatch {

    private final Vertx vertx;
    private final ResponseStore store;
    private final long intervalMillis;
    private long timer = -1;

    public StoreConfigurationWatch(Vertx vertx, ResponseStore store, ResponseCacheConfig config) {
        this.vertx = vertx;
        this.store = store;
        this.intervalMillis = config.evictionPolicyCheckInterval().toMillis();
    }

    void onStart(@Observes StartupEvent start) {
        // the memory store has no server whose settings could change
        if (intervalMillis > 0 && !(store instanceof MemoryResponseStore)) {
            timer = vertx.setPeriodic(intervalMillis, tick -> store.checkConfiguration());
        }
    }

    void onStop(@Observes ShutdownEvent stop) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
