package io.quarkiverse.responsecache.runtime.store;

import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.observe.CacheDetail;
import io.quarkiverse.responsecache.spi.EntryMarks;
import io.quarkiverse.responsecache.spi.ResponseStore;

/**
 * What a lookup found under a key: the decoded response, if any, and what the key held, whose
 * {@link EntryMarks#fingerprint} tells whether anything wrote the key since (see {@link ResponseStore#claim}).
 *
 * @param response the decoded entry, or null (nothing, a mark, garbage)
 * @param stored the bytes the key held, or null
 */
public record StoreLookup(CachedResponse response, byte[] stored) {

    /**
     * @return why this lookup found no usable entry, from what the key held: nothing, a tombstone, a placeholder,
     *         or anything else (garbage, or an entry the entry rules rejected)
     */
    public CacheDetail missReason() {
        if (stored == null) {
            return CacheDetail.ABSENT;
        }
        if (EntryMarks.isTombstone(stored)) {
            return CacheDetail.EVICTED;
        }
        return EntryMarks.isPlaceholder(stored) ? CacheDetail.CLAIMED : CacheDetail.INVALID;
    }

    /** @return the fingerprint of what the key held; computed on a miss only, never on a hit */
    public String fingerprint() {
        return EntryMarks.fingerprint(stored);
    }
}
