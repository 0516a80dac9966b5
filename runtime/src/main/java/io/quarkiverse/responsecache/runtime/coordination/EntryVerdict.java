package io.quarkiverse.responsecache.runtime.coordination;

import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.observe.CacheDetail;
import io.quarkiverse.responsecache.runtime.observe.CacheForward;
import io.quarkiverse.responsecache.runtime.store.StoreLookup;

/**
 * What the entry a lookup found means for a request, before any other request has a say: the pure part of the table
 * of {@link CacheDecisions}, which the live decision and the explain endpoint both read, so they cannot drift.
 *
 * @param entry the entry the entry rules admitted, or null
 * @param fresh whether that entry answers as it is
 * @param staleServable whether a stale entry may answer at once (within its stale-while-revalidate window)
 * @param staleFallback the stale entry that may replace a server error (within its stale-if-error window), or null
 * @param forward RFC 9211 {@code fwd} of a request that goes on to the endpoint
 * @param why RFC 9211 {@code detail} of such a request: {@code expired}, or why nothing usable was found
 */
public record EntryVerdict(CachedResponse entry, boolean fresh, boolean staleServable, CachedResponse staleFallback,
        CacheForward forward, CacheDetail why) {

    private static final EntryVerdict ABSENT = new EntryVerdict(null, false, false, null, CacheForward.URI_MISS,
            CacheDetail.ABSENT);

    /**
     * @param admitted the entry found, once the entry rules admitted it (see {@link CacheDecisions#admitted}), or null
     * @param lookup what the key held, for why nothing usable was found
     */
    static EntryVerdict of(EndpointPolicy policy, CachedResponse admitted, StoreLookup lookup, long nowMillis) {
        if (admitted == null) {
            CacheDetail why = lookup.missReason();
            return why == CacheDetail.ABSENT ? ABSENT
                    : new EntryVerdict(null, false, false, null, CacheForward.URI_MISS, why);
        }
        if (admitted.isFresh(nowMillis)) {
            return new EntryVerdict(admitted, true, false, null, null, null);
        }
        long expired = admitted.expiresAtMillis();
        boolean servable = nowMillis < expired + policy.staleWhileRevalidate().toMillis();
        CachedResponse fallback = nowMillis < expired + policy.staleIfError().toMillis() ? admitted : null;
        return new EntryVerdict(admitted, false, servable, fallback, CacheForward.STALE, CacheDetail.EXPIRED);
    }

    /** @return the stale entry that is no longer fresh, or null */
    CachedResponse stale() {
        return fresh ? null : entry;
    }
}
