package io.quarkiverse.responsecache.runtime.config;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/** How a stale entry within its stale-while-revalidate window is refreshed. */
public interface BackgroundRefreshConfig {

    /**
     * Whether a stale entry within its stale-while-revalidate window is refreshed in the background: the request that
     * finds it stale gets the stale copy at once, like every other, and the instance asks itself for the resource
     * again, at the address and port the request arrived at, with the same path, query and headers (see the failure
     * modes guide); that request stores the endpoint's response. With {@code false}, the request that
     * finds it stale first runs the endpoint within its own request, and its client waits. Endpoints keyed by
     * principal are always refreshed within the request.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * The longest a background refresh may take. Past it, the refresh is given up (the endpoint may still finish and
     * store its response) and the next request that finds the entry stale starts another.
     */
    @WithDefault("30s")
    Duration timeout();
}
