package io.quarkiverse.responsecache.runtime.store;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.smallrye.mutiny.Uni;

/**
 * Where encoded responses live, and the sets (indexes) that find them by namespace and tag for eviction.
 * Implementations never block the calling thread.
 */
public interface ResponseStore {

    /** @return the stored bytes, or a null item when there is no entry */
    Uni<byte[]> get(String key);

    /**
     * Stores {@code entry} under {@code key} for {@code timeToLive}, replacing any previous entry, and adds each
     * member to its index. An index lives at least as long as the longest-lived member added to it.
     *
     * @param memberships index name to member, e.g. a tag's index to this key
     */
    Uni<Void> put(String key, byte[] entry, Duration timeToLive, Map<String, String> memberships);

    /** @return 1 when the entry existed and was removed, else 0 */
    Uni<Long> delete(String key);

    /** @return the members of an index */
    Uni<Set<String>> members(String index);

    /**
     * Removes every entry listed in the index, and those members from the index.
     *
     * @return how many entries existed and were removed
     */
    Uni<Long> evictIndex(String index);

    /**
     * Takes the lock {@code lockKey} for {@code lease} if nobody holds it.
     *
     * @param token what identifies this holder; only it can release the lock
     * @return whether this call took the lock
     */
    Uni<Boolean> tryLock(String lockKey, String token, Duration lease);

    /** Releases {@code lockKey} if {@code token} still holds it; a lock that expired and was taken by another stays. */
    Uni<Void> unlock(String lockKey, String token);

    /**
     * Gets ready for the first request, at startup: a remote store opens its connection now, so the first lookup
     * does not pay for it within its timeout.
     */
    default Uni<Void> warmUp() {
        return Uni.createFrom().voidItem();
    }

    /**
     * @return what this store is called in metrics and traces ({@code memory}, {@code redis}); an application's own
     *         store is {@code custom} unless it says otherwise
     */
    default String tier() {
        return "custom";
    }
}
