package io.quarkiverse.responsecache.runtime.coordination;

import java.util.List;
import java.util.function.Predicate;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkiverse.responsecache.runtime.edge.EdgeHeaders;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.entry.EntryRules;
import io.quarkiverse.responsecache.runtime.http.HttpCacheHeaders;
import io.quarkiverse.responsecache.runtime.key.VariedHeaders;
import io.quarkiverse.responsecache.runtime.observe.CacheDetail;
import io.quarkiverse.responsecache.runtime.observe.CacheForward;
import io.quarkiverse.responsecache.runtime.observe.CacheOutcome;
import io.quarkiverse.responsecache.runtime.refresh.BackgroundRefresher;
import io.quarkiverse.responsecache.runtime.store.GuardedStore;
import io.quarkiverse.responsecache.runtime.store.StoreLookup;
import io.quarkiverse.responsecache.spi.ResponseCacheClock;
import io.smallrye.mutiny.Uni;

/**
 * Decides what becomes of a request whose key is known, in one call ({@link #decide}); its computed response is
 * stored and handed over by {@link KeyClaims#store}. The table, in order:
 *
 * <pre>
 * this instance's background refresh          -> compute (fwd=stale), no lookup
 * request Cache-Control: no-cache             -> compute (fwd=request), no lookup
 * breaker open, lookup failed or timed out    -> bypass (detail=store-unavailable)
 * entry breaks the entry rules (EntryRules)   -> missing: a forged or damaged entry is overwritten
 * fresh entry                                 -> replay
 * stale, refreshed in the background          -> replay stale; this request starts the refresh
 * another request of this instance computes   -> replay stale when servable; else wait: replay its response
 *                                                (coalesced), or look again, or compute
 * lock held by another instance               -> replay stale when servable; else wait: replay its entry, or compute
 * otherwise                                   -> compute under a claim (none when the writes' breaker is open)
 * </pre>
 *
 * A stale entry within its stale-if-error window goes with a compute, to replace a server error.
 */
@Singleton
public class CacheDecisions {

    private final GuardedStore store;
    private final MissCoordinator coordinator;
    private final KeyClaims claims;
    private final EntryRules rules;
    private final ResponseCacheClock clock;
    /** Whether a stale entry of an endpoint is refreshed in the background rather than by a waiting request. */
    private final Predicate<EndpointPolicy> refreshesInBackground;
    /** Whether an entry carries the keys the layers in front purge it by (always, without edge tagging). */
    private final Predicate<CachedResponse> carriesEdgeKeys;

    @Inject
    public CacheDecisions(GuardedStore store, MissCoordinator coordinator, KeyClaims claims, EntryRules rules,
            ResponseCacheClock clock, BackgroundRefresher refresher, EdgeHeaders edge) {
        this(store, coordinator, claims, rules, clock,
                policy -> refresher.refreshesInBackground(policy.keyByPrincipal()), edge::carriesTags);
    }

    CacheDecisions(GuardedStore store, MissCoordinator coordinator, KeyClaims claims, EntryRules rules,
            ResponseCacheClock clock, Predicate<EndpointPolicy> refreshesInBackground,
            Predicate<CachedResponse> carriesEdgeKeys) {
        this.store = store;
        this.coordinator = coordinator;
        this.claims = claims;
        this.rules = rules;
        this.clock = clock;
        this.refreshesInBackground = refreshesInBackground;
        this.carriesEdgeKeys = carriesEdgeKeys;
    }

    private static final CacheDecision UNAVAILABLE = new CacheDecision.Bypass(CacheForward.BYPASS,
            CacheDetail.STORE_UNAVAILABLE);

    /** @return whether a stale entry of the endpoint is refreshed in the background, not by the request that finds it */
    public boolean refreshesInBackground(EndpointPolicy policy) {
        return refreshesInBackground.test(policy);
    }

    /** Why a request skips the lookup, if it does, and what its {@code Cache-Status} says then. */
    public enum Start {
        LOOKUP(null, null),
        /** The request's {@code Cache-Control: no-cache}: compute and store. */
        REVALIDATE(CacheForward.REQUEST, CacheDetail.REQUEST_NO_CACHE),
        /** This instance's own background refresh of a stale entry: compute and store. */
        REFRESH(CacheForward.STALE, CacheDetail.BACKGROUND_REFRESH);

        private final CacheForward forward;
        private final CacheDetail detail;

        Start(CacheForward forward, CacheDetail detail) {
            this.forward = forward;
            this.detail = detail;
        }

        /** @return RFC 9211 {@code fwd} of a request that skips the lookup; null for {@link #LOOKUP} */
        public CacheForward forward() {
            return forward;
        }

        /** @return RFC 9211 {@code detail} of a request that skips the lookup; null for {@link #LOOKUP} */
        public CacheDetail detail() {
            return detail;
        }
    }

    public Uni<CacheDecision> decide(KeyedRequest request, Start start) {
        if (start != Start.LOOKUP) {
            return compute(request, start.forward(), start.detail(), null, null);
        }
        if (!store.available()) {
            return Uni.createFrom().item(UNAVAILABLE);
        }
        long lookupStarted = coordinator.lookupStarts();
        return store.lookup(request.key())
                .chain(lookup -> {
                    EntryVerdict found = judge(request.policy(), lookup);
                    if (found.fresh()) {
                        return Uni.createFrom().<CacheDecision> item(
                                new CacheDecision.Replay(found.entry(), CacheOutcome.HIT, null, false));
                    }
                    return missed(request, found, lookupStarted, lookup.fingerprint());
                })
                .onFailure().recoverWithItem(() -> UNAVAILABLE);
    }

    /** @return what the entry a lookup found means, now, for a request to the endpoint of {@code policy} */
    public EntryVerdict judge(EndpointPolicy policy, StoreLookup lookup) {
        return EntryVerdict.of(policy, admitted(policy, lookup.response()), lookup, clock.currentTimeMillis());
    }

    /**
     * No fresh entry. One request per key computes it; the others of this instance wait for its response, or get the
     * stale entry at once while it is within its stale-while-revalidate window.
     */
    private Uni<CacheDecision> missed(KeyedRequest request, EntryVerdict found, long lookupStarted, String observed) {
        EndpointPolicy policy = request.policy();
        CachedResponse stale = found.stale();
        boolean staleServable = found.staleServable();
        CacheForward forward = found.forward();
        CacheDetail why = found.why();
        CachedResponse fallback = found.staleFallback();
        if (staleServable && refreshesInBackground.test(policy)) {
            // nobody waits for the refresh: the instance asks itself for the resource again, one refresh per key
            return Uni.createFrom().item(new CacheDecision.Replay(stale, CacheOutcome.STALE, CacheDetail.STALE, true));
        }
        Computation computation = coordinator.join(request.key(), lookupStarted, observed);
        request.joined(computation);
        if (!computation.leads()) {
            if (staleServable) {
                return Uni.createFrom().item(new CacheDecision.Replay(stale, CacheOutcome.STALE, CacheDetail.STALE, false));
            }
            return coordinator.awaitLeader(computation).chain(computed -> computed != null && answers(request, computed)
                    ? Uni.createFrom().item(coalesced(computed))
                    : lookAgain(request, forward, why, fallback));
        }
        if (!coordinator.distributedLockEnabled()) {
            return compute(request, forward, why, fallback, computation);
        }
        return coordinator.tryLock(computation).chain(taken -> {
            if (taken) {
                return compute(request, forward, why, fallback, computation);
            }
            if (staleServable) {
                coordinator.answered(computation, stale);
                return Uni.createFrom().item(new CacheDecision.Replay(stale, CacheOutcome.STALE, CacheDetail.STALE, false));
            }
            return coordinator.awaitOtherInstance(computation).chain(stored -> {
                CachedResponse other = admitted(policy, stored);
                if (other != null && answers(request, other)) {
                    coordinator.answered(computation, other);
                    return Uni.createFrom().item(coalesced(other));
                }
                return compute(request, forward, why, fallback, computation);
            });
        });
    }

    /**
     * The leader's response does not answer this waiting request (not stored because the key changed since its claim,
     * or it failed). One more lookup, so that another instance's fresh entry answers rather than every waiter of this
     * instance running the endpoint; an entry found now was stored under a claim no eviction crossed.
     */
    private Uni<CacheDecision> lookAgain(KeyedRequest request, CacheForward forward, CacheDetail why,
            CachedResponse fallback) {
        return store.lookup(request.key()).map(lookup -> admitted(request.policy(), lookup.response()))
                .onFailure().recoverWithNull()
                .chain(found -> found != null && found.isFresh(clock.currentTimeMillis()) && answers(request, found)
                        ? Uni.createFrom().<CacheDecision> item(coalesced(found))
                        : compute(request, forward, why, fallback, null));
    }

    /** Claims the key; without a claim (the writes' breaker open, or the claim failed) nothing is stored. */
    private Uni<CacheDecision> compute(KeyedRequest request, CacheForward forward, CacheDetail why,
            CachedResponse fallback, Computation computation) {
        return claims.take(request).map(claim -> {
            if (claim != null && computation != null) {
                computation.claimed(claim.token);
            }
            return new CacheDecision.Compute(forward, claim == null ? CacheDetail.WRITES_UNAVAILABLE : why, fallback,
                    claim);
        });
    }

    private static CacheDecision coalesced(CachedResponse computed) {
        return new CacheDecision.Replay(computed, CacheOutcome.COALESCED, CacheDetail.COALESCED, false);
    }

    /** The request ended: the requests waiting for its computation go on, and a lock or claim it holds goes. */
    public void ended(Computation computation, KeyClaim claim) {
        if (computation != null) {
            coordinator.abandoned(computation);
        }
        if (claim != null) {
            claims.release(claim);
        }
    }

    /**
     * @return the entry if it holds only what a stored response may hold (its expiry cut back to the freshness the
     *         endpoint gives its status) and the keys the layers in front purge it by, otherwise null: a forged or
     *         damaged entry is a miss that gets overwritten, and so is one without those keys (computed again, with
     *         them)
     */
    public CachedResponse admitted(EndpointPolicy policy, CachedResponse stored) {
        return stored == null || !carriesEdgeKeys.test(stored) ? null
                : rules.admit(stored, policy.lifetimes(), clock.currentTimeMillis());
    }

    /**
     * A response computed for another request with the same key answers this one only if every header its own
     * {@code Vary} names took part in that key: the leader may have learned a new one from it.
     */
    private static boolean answers(KeyedRequest request, CachedResponse computed) {
        List<String> vary = HttpCacheHeaders.values(computed.headers(), "Vary");
        return vary.isEmpty() || VariedHeaders.covers(request.policy(), request.varied(), vary);
    }
}
