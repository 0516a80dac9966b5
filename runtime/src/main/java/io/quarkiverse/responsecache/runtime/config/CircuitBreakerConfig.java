package io.quarkiverse.responsecache.runtime.config;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/** When the store keeps failing, stop calling it for a while, then probe it again. */
public interface CircuitBreakerConfig {

    /**
     * How many store failures in a row open the breaker. While it is open, requests bypass the cache without
     * calling the store.
     */
    @WithDefault("5")
    int failureThreshold();

    /**
     * How long the breaker stays open before one request probes the store again. When the probe succeeds, caching
     * resumes; when it fails, the breaker opens again.
     */
    @WithDefault("2s")
    Duration openDuration();
}
