package io.quarkiverse.responsecache.runtime;

import java.time.Duration;

import io.smallrye.mutiny.Uni;

/**
 * Where encoded responses live. Implementations never block the calling thread.
 */
public interface ResponseStore {

    /** @return the stored bytes, or a null item when there is no entry */
    Uni<byte[]> get(String key);

    /** Stores {@code entry} under {@code key} for {@code timeToLive}, replacing any previous entry. */
    Uni<Void> put(String key, byte[] entry, Duration timeToLive);
}
