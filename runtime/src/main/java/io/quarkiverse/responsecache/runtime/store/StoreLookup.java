package io.quarkiverse.responsecache.runtime.store;

import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.observe.CacheDetail;
import io.quarkiverse.responsecache.spi.EntryMarks;
import io.quarkiverse.responsecache.spi.ResponseStore;

/**
 * What a lookup found: the decoded response, or null (nothing, a mark, garbage), and the bytes the key held, whose
 * {@link EntryMarks#fingerprint} tells whether anything wrote the key since (see {@link ResponseStore#claim}).
 */
public record StoreLookup(CachedResponse response, byte[] stored) {

    /** @return nothing, a tombstone, a placeholder, or anything else (garbage, an entry the rules rejected) */
    public CacheDetail missReason() {
        if (stored == null) {
            return CacheDetail.ABSENT;
        }
        if (EntryMarks.isTombstone(stored)) {
            return CacheDetail.EVICTED;
        }
        return EntryMarks.isPlaceholder(stored) ? CacheDetail.CLAIMED : CacheDetail.INVALID;
    }

    /** Computed on a miss only, never on a hit. */
    public String fingerprint() {
        return EntryMarks.fingerprint(stored);
    }
}
