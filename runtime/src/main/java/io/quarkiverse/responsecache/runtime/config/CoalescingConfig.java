package io.quarkiverse.responsecache.runtime.config;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/** Concurrent misses of one key in one instance. */
public interface CoalescingConfig {

    /**
     * Whether concurrent misses of the same key are coalesced: one request runs the endpoint, the others wait for
     * its response. Different keys never wait for each other.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * The longest time a request waits for another one computing the same key. Past it, it runs the endpoint
     * itself.
     */
    @WithDefault("5s")
    Duration timeout();
}
