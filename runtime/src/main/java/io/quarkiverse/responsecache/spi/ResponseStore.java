package io.quarkiverse.responsecache.spi;

import java.time.Duration;
import java.util.List;
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

    /**
     * Gets {@code key} ready for a computation that is about to run, before it runs: adds the key to each index of
     * {@code memberships} for {@code timeToLive} plus {@link EntryMarks#MEMBERSHIP_GRACE} (so that an eviction that
     * runs from now on reaches the key even before it holds an entry), and writes a placeholder under the key when it
     * holds nothing.
     * <p>
     * The default suits a store that does not take part in read-your-writes: it only reads the key.
     *
     * @return the claim, to hand to {@link #putIfClaimed}: the {@link EntryMarks#fingerprint} of what the key holds
     *         once claimed
     */
    default Uni<String> claim(String key, Duration timeToLive, Map<String, String> memberships) {
        return get(key).map(EntryMarks::fingerprint);
    }

    /**
     * Stores {@code entry} as {@link #put} does, but only if {@code key} still holds what it held when it was
     * claimed: an eviction (a tombstone) or another computation's entry written since then wins, and nothing is
     * written. The memberships were written by the claim.
     * <p>
     * The default stores unconditionally: no guarantee against an eviction that runs during the computation.
     *
     * @return whether the entry was stored
     */
    default Uni<Boolean> putIfClaimed(String key, String claim, byte[] entry, Duration timeToLive,
            Map<String, String> memberships) {
        return put(key, entry, timeToLive, memberships).replaceWith(true);
    }

    /**
     * Replaces what {@code key} holds with {@code entry}, only if it still holds what {@code fingerprint} was taken of
     * ({@link EntryMarks#fingerprint}): an eviction or a store since that read wins, and nothing is written. The key
     * keeps its index memberships and its time to live, cut to {@code atMost}, so the rewritten entry (a soft purge
     * marks an entry stale this way) never outlives the memberships that let an eviction find it.
     * <p>
     * The default is {@link #putIfClaimed} for {@code atMost}, without memberships.
     *
     * @return whether the entry was replaced
     */
    default Uni<Boolean> replaceIfUnchanged(String key, String fingerprint, byte[] entry, Duration atMost) {
        return putIfClaimed(key, fingerprint, entry, atMost, Map.of());
    }

    /**
     * Removes the placeholder of a claim whose computation stores nothing (an uncacheable status, an exception), if the
     * key still holds it, so that misses that store nothing leave nothing behind but index members that expire. The
     * default does nothing.
     */
    default Uni<Void> release(String key, String claim) {
        return Uni.createFrom().voidItem();
    }

    /**
     * Adds {@code member} to {@code index} for at least {@code timeToLive} (the registry of namespaces, written once
     * in a while rather than with every entry). The default does nothing: a store that overrides {@link #claim} must
     * override this too.
     */
    default Uni<Void> index(String index, String member, Duration timeToLive) {
        return Uni.createFrom().voidItem();
    }

    /**
     * Evicts the entry under {@code key}. A store that takes part in read-your-writes writes a short-lived
     * {@link EntryMarks#newTombstone() tombstone} there rather than deleting it, so a computation that claimed the key
     * before cannot store its response.
     *
     * @return 1 when an entry existed and was removed, else 0
     */
    Uni<Long> delete(String key);

    /** @return the members of an index */
    Uni<Set<String>> members(String index);

    /**
     * Evicts (as {@link #delete} does) every entry listed in the index, and removes those members from the index.
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
     * Adds one to the counter {@code key} (0 when missing) and returns its new value. The counter never expires: its
     * values must only grow (entity tracking orders writes by it). The default fails: without counters, entity
     * tracking evicts but stores no entry whose computation it cannot prove untouched by a write.
     */
    default Uni<Long> increment(String key) {
        return Uni.createFrom().failure(new UnsupportedOperationException("counters"));
    }

    /**
     * Raises the counter {@code key} to {@code value} unless it holds more already, and keeps it for at least
     * {@code timeToLive}. The default fails, as {@link #increment} does.
     */
    default Uni<Void> raise(String key, long value, Duration timeToLive) {
        return Uni.createFrom().failure(new UnsupportedOperationException("counters"));
    }

    /**
     * @return the values of the counters, in order: 0 for a missing one, {@link Long#MAX_VALUE} for one that holds
     *         anything but a number. The default fails, as {@link #increment} does.
     */
    default Uni<List<Long>> counters(List<String> keys) {
        return Uni.createFrom().failure(new UnsupportedOperationException("counters"));
    }

    /**
     * Checks again, in the background, the server settings the store relies on (Redis's eviction policy), logging only
     * what changed since the last check: called periodically and when the store answers again after an outage. The
     * default does nothing.
     */
    default void checkConfiguration() {
    }

    /**
     * @return what this store is called in metrics and traces ({@code memory}, {@code redis}); an application's own
     *         store is {@code custom} unless it says otherwise
     */
    default String tier() {
        return "custom";
    }
}
