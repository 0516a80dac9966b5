package io.quarkiverse.responsecache.runtime;

import io.quarkus.arc.Arc;

/**
 * The {@link ResponseCacheService}, looked up on first use and then kept. Handlers need it but cannot have it
 * injected: they are recorded at build time and created before the CDI container exists.
 */
final class ServiceReference {

    private volatile ResponseCacheService service;

    ResponseCacheService get() {
        ResponseCacheService resolved = service;
        if (resolved == null) {
            service = resolved = Arc.container().instance(ResponseCacheService.class).get();
        }
        return resolved;
    }
}
