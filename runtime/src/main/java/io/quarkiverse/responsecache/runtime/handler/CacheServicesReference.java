package io.quarkiverse.responsecache.runtime.handler;

import io.quarkus.arc.Arc;

/**
 * The {@link CacheServices}, looked up on first use and then kept. Handlers need them but cannot have them injected:
 * they are recorded at build time and created before the CDI container exists.
 */
final class CacheServicesReference {

    private volatile CacheServices services;

    CacheServices get() {
        CacheServices resolved = services;
        if (resolved == null) {
            services = resolved = Arc.container().instance(CacheServices.class).get();
        }
        return resolved;
    }
}
