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

    /**
     * Takes the lock {@code lockKey} for {@code lease} if nobody holds it.
     *
     * @param token what identifies this holder; only it can release the lock
     * @return whether this call took the lock
     */
    Uni<Boolean> tryLock(String lockKey, String token, Duration lease);

    /** Releases {@code lockKey} if {@code token} still holds it; a lock that expired and was taken by another stays. */
    Uni<Void> unlock(String lockKey, String token);
}
