package io.quarkiverse.responsecache.runtime.coordination;

import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.observe.CacheDetail;
import io.quarkiverse.responsecache.runtime.observe.CacheForward;
import io.quarkiverse.responsecache.runtime.observe.CacheOutcome;

/**
 * What the cache does with one request whose key is known, decided once by {@link CacheDecisions} and carried out
 * once by the lookup handler. Waiting for another request's computation (in this instance or another) is part of
 * deciding: a request that waited ends up replaying that response or computing the key itself.
 */
public sealed interface CacheDecision {

    /**
     * Answer with a stored response instead of calling the method.
     *
     * @param outcome {@link CacheOutcome#HIT}, {@link CacheOutcome#STALE} or {@link CacheOutcome#COALESCED}
     * @param detail RFC 9211 {@code detail}, or null for a fresh entry
     * @param refresh whether this request starts a background refresh of the stale entry it replays
     */
    record Replay(CachedResponse response, CacheOutcome outcome, CacheDetail detail, boolean refresh)
            implements
                CacheDecision {
    }

    /**
     * Run the method and store its response under {@code claim}.
     *
     * @param forward RFC 9211 {@code fwd}: why the request goes to the endpoint
     * @param detail RFC 9211 {@code detail}: what the lookup found, or why it was skipped, or why nothing is stored
     * @param staleFallback a stale entry that replaces a server error of the endpoint (stale-if-error), or null
     * @param claim the claim its store must prove; null when nothing may be stored (the writes' breaker is open, or
     *        the claim failed): the endpoint runs all the same
     */
    record Compute(CacheForward forward, CacheDetail detail, CachedResponse staleFallback, KeyClaim claim)
            implements
                CacheDecision {
    }

    /** Leave the request to the endpoint; nothing is looked up nor stored. */
    record Bypass(CacheForward forward, CacheDetail detail) implements CacheDecision {
    }
}
