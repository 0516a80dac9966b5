package io.quarkiverse.responsecache.runtime.config;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/** How evictions ({@code @ResponseCacheInvalidate} and {@code ResponseCacheInvalidator}) are bounded. */
public interface InvalidationConfig {

    /**
     * The longest an eviction may take. A method annotated with {@code @ResponseCacheInvalidate} holds its response
     * until its evictions are done, or until this time has passed (then its response is sent anyway and a
     * {@code WARN} is logged). Each operation of the {@code ResponseCacheInvalidator} bean fails with a
     * {@code ResponseCacheUnavailableException} after this time, and at once while the store's circuit breaker is
     * open. Evicting a tag or namespace with many thousands of entries takes longer than a few: raise it if yours do.
     */
    @WithDefault("5s")
    Duration timeout();
}
