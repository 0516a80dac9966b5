package io.quarkiverse.responsecache.runtime.config;

import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;

/** The in-memory store. */
public interface MemoryConfig {
    /**
     * How much heap the in-memory store may hold, counting each entry's body, headers, key and index memberships
     * plus a fixed overhead per entry. When a new entry would exceed it, entries that are rarely used go first
     * (Caffeine's frequency-aware policy), so the store never holds more than this. When unset, a tenth of the
     * maximum heap ({@code -Xmx}, or the JVM's default for the container's memory), so that a small container
     * heap is never filled by cached responses.
     */
    Optional<MemorySize> maxSize();
}
