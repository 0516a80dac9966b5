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
 * Whether the store answers a probe and whether the breaker skips it. Wellness, not readiness: with its store down the
 * application still answers every request (uncached), so it must not leave the rotation.
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

    /** @param probeFailure null when the store answered */
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
        NearCacheStatus near = NearCacheStatus.active(nearCache);
        if (near != null) {
            response.withData("near-cache", near.coherent() ? "coherent" : "not coherent")
                    .withData("near-cache-entries", near.entries());
        } else {
            response.withData("near-cache", "none");
        }
        return response.build();
    }
}
