package io.quarkiverse.responsecache.runtime.observe;

import java.util.List;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkiverse.responsecache.spi.ResponseCacheObserver;

/**
 * The one place the core reports to: every {@link ResponseCacheObserver} bean the application has (metrics when
 * Micrometer is present, tracing when OpenTelemetry is, the Dev UI in dev mode). Without any, every call returns at
 * once.
 */
@Singleton
public class ResponseCacheEvents {

    private static final ResponseCacheObserver[] NONE = {};

    private final ResponseCacheObserver[] observers;

    @Inject
    public ResponseCacheEvents(@Any Instance<ResponseCacheObserver> observers) {
        this(observers.stream().toList());
    }

    public ResponseCacheEvents(List<ResponseCacheObserver> observers) {
        this.observers = observers.toArray(NONE);
    }

    /** @return events that nobody observes */
    public static ResponseCacheEvents none() {
        return new ResponseCacheEvents(List.of());
    }

    /** @return whether anything observes: callers skip building what they would report when nothing does */
    public boolean observed() {
        return observers.length != 0;
    }

    public void answered(String endpoint, CacheOutcome outcome, String tier, String cacheStatus, long ageSeconds) {
        for (ResponseCacheObserver observer : observers) {
            observer.answered(endpoint, outcome, tier, cacheStatus, ageSeconds);
        }
    }

    public void lookedUp(String tier, long nanos, boolean found) {
        for (ResponseCacheObserver observer : observers) {
            observer.lookedUp(tier, nanos, found);
        }
    }

    public void stored(String endpoint, int bytes) {
        for (ResponseCacheObserver observer : observers) {
            observer.stored(endpoint, bytes);
        }
    }

    public void taggedByEntities(String endpoint, String path, List<String> tags) {
        for (ResponseCacheObserver observer : observers) {
            observer.taggedByEntities(endpoint, path, tags);
        }
    }

    public void storeFailed(String operation) {
        for (ResponseCacheObserver observer : observers) {
            observer.storeFailed(operation);
        }
    }

    public void evicted(String kind, String name, long entries) {
        for (ResponseCacheObserver observer : observers) {
            observer.evicted(kind, name, entries);
        }
    }

    public void edgePurgeFailed(String layer) {
        for (ResponseCacheObserver observer : observers) {
            observer.edgePurgeFailed(layer);
        }
    }
}
