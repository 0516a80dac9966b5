package io.quarkiverse.responsecache.runtime.config;

import io.smallrye.config.WithDefault;

/** Which operational integrations the build wires in. */
public interface ObservabilityBuildTimeConfig {

    /** Metrics. */
    interface Metrics {
        /**
         * Whether the cache publishes its metrics ({@code cache.gets}, {@code cache.puts}, {@code cache.evictions},
         * {@code response.cache.*}) when a Micrometer extension is present.
         */
        @WithDefault("true")
        boolean enabled();
    }

    /** Health. */
    interface Health {
        /**
         * Whether the cache adds its health check (a wellness check named {@code response-cache}) when SmallRye
         * Health is present.
         */
        @WithDefault("true")
        boolean enabled();
    }

    /** Operator endpoints. */
    interface Management {
        /**
         * Whether the operator endpoints that evict and soft-purge cached responses, and the one that explains what a
         * URL would get from the cache, are served, under {@code /q/response-cache} on the management interface (or
         * the main HTTP server when the management interface is not enabled). Off by default: anyone who can reach
         * them can empty the cache and read its keys. See the Observability guide for how to protect them.
         */
        @WithDefault("false")
        boolean enabled();
    }
}
