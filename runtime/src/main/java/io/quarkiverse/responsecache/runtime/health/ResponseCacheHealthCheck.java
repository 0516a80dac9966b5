package io.quarkiverse.responsecache.runtime.health;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.quarkiverse.responsecache.runtime.observe.NearCacheStatus;
import io.quarkiverse.responsecache.runtime.store.GuardedStore;
import io.quarkiverse.responsecache.runtime.store.StoreHealth;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;

/**
 * The cache's health: whether its store answers a probe now and whether the breaker skips it. A wellness check, on
 * purpose: with its store down the application still answers every request (uncached), so the cache must not take it
 * out of rotation as a failing readiness check would. It shows in {@code /q/health} and {@code /q/health/well}, never
 * in {@code /q/health/ready} or {@code /q/health/live}.
 */
@Wellness
@Singleton
public class ResponseCacheHealthCheck implements AsyncHealthCheck {

    static final String NAME = "response-cache";

    @Inject
    GuardedStore store;
    @Inject
    Instance<NearCacheStatus> nearCache;

    @Override
    public Uni<HealthCheckResponse> call() {
        return store.probe().map(ignored -> (String) null)
                .onFailure().recoverWithItem(failure -> failure.getMessage() == null
                        ? failure.getClass().getSimpleName()
                        : failure.getClass().getSimpleName() + ": " + failure.getMessage())
                .map(this::response);
    }

    /** @param probeFailure why the store did not answer the probe, or null when it did */
    private HealthCheckResponse response(String probeFailure) {
        StoreHealth health = store.health();
        boolean breakerOpen = health.isOpen();
        boolean writesRefused = store.writesHealth().isOpen();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .status(probeFailure == null && !breakerOpen && !writesRefused)
                .withData("store", store.tier())
                .withData("reachable", probeFailure == null)
                .withData("breaker", breakerOpen ? "open" : "closed")
                .withData("write-breaker", writesRefused ? "open" : "closed")
                .withData("consecutive-failures", health.consecutiveFailures());
        if (probeFailure != null) {
            response.withData("probe-error", probeFailure);
        }
        String lastFailure = health.lastFailure();
        if (lastFailure != null) {
            response.withData("last-error", lastFailure);
        }
        if (nearCache.isResolvable() && nearCache.get().inUse()) {
            NearCacheStatus near = nearCache.get();
            response.withData("near-cache", near.coherent() ? "coherent" : "not coherent")
                    .withData("near-cache-entries", near.entries());
        } else {
            response.withData("near-cache", "none");
        }
        return response.build();
    }
}
