package io.quarkiverse.responsecache.runtime.config;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/** A lock in the store so that one instance computes a key while the others wait for the entry. */
public interface DistributedLockConfig {

    /**
     * Whether instances take a lock in the store ({@code SET key NX PX}) before computing a missing entry. The
     * others wait for the entry instead of computing it too.
     */
    @WithDefault("false")
    boolean enabled();

    /**
     * How long a lock is held at most. If its holder dies, the lock expires after this and another instance
     * computes.
     */
    @WithDefault("5s")
    Duration lease();

    /**
     * The longest time an instance waits for another instance's entry before computing it itself.
     */
    @WithDefault("3s")
    Duration maxWait();
}
