package io.quarkiverse.responsecache.runtime.handler;

import java.util.List;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

import io.quarkiverse.responsecache.runtime.coordination.Computation;
import io.quarkiverse.responsecache.runtime.coordination.MissCoordinator;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.http.HttpCacheHeaders;
import io.quarkiverse.responsecache.runtime.key.RequestCredentials;
import io.quarkiverse.responsecache.runtime.key.VariedHeaders;
import io.quarkiverse.responsecache.runtime.observe.CacheDetail;
import io.quarkiverse.responsecache.runtime.observe.CacheForward;
import io.quarkiverse.responsecache.runtime.observe.CacheOutcome;
import io.quarkiverse.responsecache.runtime.orm.EntityReads;
import io.smallrye.mutiny.Uni;

/**
 * Runs in a cached endpoint's handler chain right before the resource method is invoked: after the request filters,
 * the security checks and the parameters, so a hit goes through everything a miss goes through but the method call.
 * It decides, in this order:
 *
 * <pre>
 * cache or endpoint disabled                  -> not involved
 * request Cache-Control: no-store             -> bypass (fwd=request; detail=request-no-store)
 * a caller, endpoint not keyed by callers     -> bypass (detail=credentials)
 * this instance's background refresh request -> miss, stored (fwd=stale; detail=background-refresh), no lookup
 * request Cache-Control: no-cache             -> miss, stored (fwd=request; detail=request-no-cache)
 * fresh copy in the near cache                -> hit (detail=near), answered synchronously
 * breaker open                                -> bypass (detail=store-unavailable)
 * lookup failed or timed out                  -> bypass (detail=store-unavailable)
 * entry breaks the entry rules (EntryRules)   -> missing (detail=invalid): a forged or damaged entry is overwritten
 * fresh entry                                 -> hit
 * missing or stale entry                      -> {@link #onMiss} (detail=absent, evicted, claimed, expired)
 * </pre>
 *
 * A hit makes the stored response the request's result, which the invocation handler takes as the method's: the
 * method is not called, and the response goes on through the response filters as a miss's would. Anything else lets
 * the request go on to the resource method, whose response {@link ResponseCacheStoreHandler} stores. Recorded into
 * bytecode: no-argument constructor and a setter.
 */
public class ResponseCacheLookupHandler implements ServerRestHandler {

    private String endpointId;
    /** Whether this is the early lookup, right after matching, which only works for a {@link ShortChain}. */
    private boolean early;
    /** For the early lookup: where a hit goes on, once known ({@link ShortChain#NONE}: not here); 0 until known. */
    private volatile int resumeAt;
    private final CacheServicesReference services = new CacheServicesReference();

    public ResponseCacheLookupHandler() {
    }

    public ResponseCacheLookupHandler(String endpointId, boolean early) {
        this.endpointId = endpointId;
        this.early = early;
    }

    public boolean isEarly() {
        return early;
    }

    public void setEarly(boolean early) {
        this.early = early;
    }

    public String getEndpointId() {
        return endpointId;
    }

    public void setEndpointId(String endpointId) {
        this.endpointId = endpointId;
    }

    @Override
    public void handle(ResteasyReactiveRequestContext request) {
        int resumeAt = 0;
        if (early) {
            resumeAt = this.resumeAt;
            if (resumeAt == 0) {
                // the chain of a method never changes: looked at once
                resumeAt = this.resumeAt = ShortChain.resumePosition(request.getHandlers(), request.getPosition());
            }
            if (resumeAt == ShortChain.NONE) {
                return;
            }
        } else if (request.getProperty(CacheExchange.PROPERTY) != null) {
            // the early lookup decided
            return;
        }
        CacheServices cache = services.get();
        if (!cache.enabled) {
            return;
        }
        EndpointPolicy policy = cache.endpoints.policy(endpointId);
        if (!policy.enabled()) {
            return;
        }
        CacheExchange exchange = new CacheExchange(cache, policy);
        exchange.resumeAt = resumeAt;
        request.setProperty(CacheExchange.PROPERTY, exchange);

        String cacheControl = cache.honorsRequestDirectives
                ? request.serverRequest().getRequestHeader("Cache-Control")
                : null;
        if (HttpCacheHeaders.hasDirective(cacheControl, "no-store")) {
            exchange.bypass(CacheForward.REQUEST, CacheDetail.REQUEST_NO_STORE);
            return;
        }
        String principal = null;
        if (RequestCredentials.present(request)) {
            if (!policy.keyByPrincipal()) {
                exchange.bypass(CacheForward.BYPASS, CacheDetail.CREDENTIALS);
                return;
            }
            principal = RequestCredentials.principal(request);
        }
        exchange.principal = principal;
        exchange.varied = cache.keys.variedHeaders().of(policy.endpoint().id());
        exchange.key = cache.keys.key(policy, request, principal, exchange.varied);
        if (cache.refresher.isRefresh(request)) {
            // this instance's own background refresh of a stale entry: compute and store (under a claim, as any
            // computation), as for no-cache
            exchange.forward(CacheForward.STALE, CacheDetail.BACKGROUND_REFRESH);
            request.suspend();
            compute(request, exchange);
            return;
        }
        if (HttpCacheHeaders.hasDirective(cacheControl, "no-cache")) {
            exchange.forward(CacheForward.REQUEST, CacheDetail.REQUEST_NO_CACHE);
            request.suspend();
            compute(request, exchange);
            return;
        }
        // the near tier holds what Redis held: checked like any entry read back
        CachedResponse near = admitted(exchange, cache.nearCache.hit(exchange.key));
        // the rules may cut an expiry back: a copy no longer fresh goes to Redis, which handles stale entries
        if (near != null && near.isFresh(cache.clock.currentTimeMillis())) {
            // answered here, on the event loop, without suspending: no store call, no callback
            exchange.tier = "near";
            exchange.replay(near, CacheOutcome.HIT, CacheDetail.NEAR);
            answer(request, exchange);
            return;
        }
        if (!cache.store.available()) {
            exchange.bypass(CacheForward.BYPASS, CacheDetail.STORE_UNAVAILABLE);
            return;
        }
        request.suspend();
        long lookupStarted = cache.coordinator.lookupStarts();
        cache.store.lookup(exchange.key).subscribe().with(
                lookup -> {
                    exchange.tier = cache.store.tier();
                    CachedResponse found = admitted(exchange, lookup.response());
                    if (found != null && found.isFresh(cache.clock.currentTimeMillis())) {
                        replay(request, exchange, found, CacheOutcome.HIT, null);
                    } else {
                        exchange.detail = found != null ? CacheDetail.EXPIRED : lookup.missReason();
                        onMiss(request, exchange, found, lookupStarted, lookup.fingerprint());
                    }
                },
                failure -> {
                    exchange.bypass(CacheForward.BYPASS, CacheDetail.STORE_UNAVAILABLE);
                    request.resume();
                });
    }

    /**
     * No fresh entry. One request per key computes it; the others of this instance wait for its response, or get
     * the stale entry at once while it is within its stale-while-revalidate window:
     *
     * <pre>
     * stale servable, refreshed in the background      -> hit, stale; a background refresh starts unless one runs
     * another request computes the key, stale servable -> hit, stale
     * another request computes the key                 -> wait: its response (hit, coalesced), or compute
     * this request computes, no distributed lock       -> compute
     * lock taken                                       -> compute
     * lock held elsewhere, stale servable              -> hit, stale
     * lock held elsewhere                              -> wait: the other instance's entry (hit, coalesced), or compute
     * </pre>
     *
     * @param stale the entry that is no longer fresh, or null
     * @param lookupStarted when the lookup that missed began
     * @param observed the fingerprint of what the lookup found under the key
     */
    private static void onMiss(ResteasyReactiveRequestContext request, CacheExchange exchange, CachedResponse stale,
            long lookupStarted, String observed) {
        CacheServices cache = exchange.services;
        EndpointPolicy policy = exchange.policy;
        long now = cache.clock.currentTimeMillis();
        boolean staleServable = stale != null
                && now < stale.expiresAtMillis() + policy.staleWhileRevalidate().toMillis();
        if (stale != null) {
            exchange.forward(CacheForward.STALE, CacheDetail.EXPIRED);
            if (now < stale.expiresAtMillis() + policy.staleIfError().toMillis()) {
                exchange.staleFallback = stale;
                request.setAbortHandlerChain(StaleIfErrorHandler.insertInto(request.getAbortHandlerChain()));
            }
        }
        if (staleServable && cache.refresher.refreshesInBackground(policy.keyByPrincipal())) {
            // nobody waits for the refresh: this request gets the stale copy like the others, and the instance asks
            // itself for the resource again (one refresh per key at a time)
            replay(request, exchange, stale, CacheOutcome.STALE, CacheDetail.STALE);
            cache.refresher.refresh(exchange.key, request.serverRequest(), policy, exchange.varied);
            return;
        }
        MissCoordinator coordinator = cache.coordinator;
        Computation computation = coordinator.join(exchange.key, lookupStarted, observed);
        exchange.computation = computation;
        // whatever becomes of this request, the requests waiting for it must go on, and a lock it holds must go
        request.registerCompletionCallback(failure -> {
            coordinator.abandoned(computation);
            exchange.report(false, 0);
        });
        if (!computation.leads()) {
            if (staleServable) {
                replay(request, exchange, stale, CacheOutcome.STALE, CacheDetail.STALE);
            } else {
                coordinator.awaitLeader(computation).subscribe().with(computed -> {
                    if (computed != null && answers(exchange, computed)) {
                        replay(request, exchange, computed, CacheOutcome.COALESCED, CacheDetail.COALESCED);
                    } else {
                        lookAgain(request, exchange);
                    }
                });
            }
            return;
        }
        if (!coordinator.distributedLockEnabled()) {
            compute(request, exchange);
            return;
        }
        coordinator.tryLock(computation).subscribe().with(taken -> {
            if (taken) {
                compute(request, exchange);
            } else if (staleServable) {
                coordinator.answered(computation, stale);
                replay(request, exchange, stale, CacheOutcome.STALE, CacheDetail.STALE);
            } else {
                coordinator.awaitOtherInstance(computation).subscribe().with(stored -> {
                    CachedResponse found = admitted(exchange, stored);
                    if (found != null && answers(exchange, found)) {
                        coordinator.answered(computation, found);
                        replay(request, exchange, found, CacheOutcome.COALESCED, CacheDetail.COALESCED);
                    } else {
                        compute(request, exchange);
                    }
                });
            }
        });
    }

    /**
     * The leader's response does not answer this waiting request: not stored because the key changed since its claim
     * (an eviction, or another instance stored its own entry first), or it failed. One more lookup, so that another
     * instance's fresh entry answers rather than every waiter of this instance running the endpoint; any entry found
     * now was stored under a claim no eviction crossed, so it is as good as a first lookup's.
     */
    private static void lookAgain(ResteasyReactiveRequestContext request, CacheExchange exchange) {
        CacheServices cache = exchange.services;
        cache.store.lookup(exchange.key).subscribe().with(lookup -> {
            CachedResponse found = admitted(exchange, lookup.response());
            if (found != null && found.isFresh(cache.clock.currentTimeMillis()) && answers(exchange, found)) {
                replay(request, exchange, found, CacheOutcome.COALESCED, CacheDetail.COALESCED);
            } else {
                compute(request, exchange);
            }
        }, failure -> compute(request, exchange));
    }

    /**
     * A response computed for another request with the same key answers this one only if every header its own
     * {@code Vary} names took part in that key: the leader may have learned a new one from it.
     */
    private static boolean answers(CacheExchange exchange, CachedResponse computed) {
        List<String> vary = HttpCacheHeaders.values(computed.headers(), "Vary");
        return vary.isEmpty() || VariedHeaders.covers(exchange.policy, exchange.varied, vary);
    }

    /**
     * @return the entry read from the store if it holds only what a stored response may hold (its expiry cut back to
     *         the endpoint's freshness), otherwise null: a forged or damaged entry is a miss that gets overwritten
     */
    private static CachedResponse admitted(CacheExchange exchange, CachedResponse stored) {
        return stored == null ? null
                : exchange.services.rules.admit(stored, exchange.policy.expire(),
                        exchange.services.clock.currentTimeMillis());
    }

    /**
     * This request runs the endpoint. First it claims the key (joins its indexes, marks it; see
     * {@code ResponseStore#claim}) and makes sure its namespace is registered, so that an eviction that runs from now
     * on reaches it and its response is not stored after that eviction. The claim, then its index scripts (see
     * {@code RedisResponseStore#claim} for why in that order), with the namespace's registration alongside. Should it
     * fail, or the writes' breaker be open, the endpoint runs all the same and its response is not stored. The claim
     * is the write that asks the writes' breaker, so storing under it does not ask again.
     */
    static void compute(ResteasyReactiveRequestContext request, CacheExchange exchange) {
        CacheServices cache = exchange.services;
        EndpointPolicy policy = exchange.policy;
        if (!cache.store.acceptsWrites()) {
            // the writes' breaker is open: the endpoint runs, nothing is claimed nor stored
            exchange.detail = CacheDetail.WRITES_UNAVAILABLE;
            request.resume();
            return;
        }
        String namespace = policy.endpoint().namespace();
        exchange.memberships = cache.indexes.memberships(exchange.key, namespace, policy.renderTags(request),
                request.getPath(), policy.endpoint().name());
        Uni<Long> generation = Uni.createFrom().item(0L);
        if (cache.entityEvictions != null && policy.endpoint().trackEntities()) {
            // what the endpoint reads through Hibernate ORM is recorded from now on; see EntityEvictions
            exchange.reads = new EntityReads(cache.maxTrackedRows);
            request.setProperty(EntityReads.PROPERTY, exchange.reads);
            generation = cache.entityEvictions.generation();
        }
        Uni.combine().all()
                .unis(cache.store.claim(exchange.key, policy.retention(), exchange.memberships),
                        cache.indexes.register(namespace, policy.retention()), generation)
                .asTuple()
                .subscribe().with(claimed -> {
                    String claim = claimed.getItem1();
                    if (exchange.reads != null) {
                        exchange.reads.generation(claimed.getItem3());
                    }
                    exchange.claimed(claim);
                    request.registerCompletionCallback(failure -> {
                        if (!exchange.storing) {
                            cache.store.release(exchange.key, claim).subscribe().with(released -> {
                            });
                        }
                    });
                    request.resume();
                }, failure -> {
                    exchange.detail = CacheDetail.WRITES_UNAVAILABLE;
                    request.resume();
                });
    }

    private static void replay(ResteasyReactiveRequestContext request, CacheExchange exchange, CachedResponse response,
            CacheOutcome outcome, CacheDetail detail) {
        exchange.replay(response, outcome, detail);
        answer(request, exchange);
        request.resume();
    }

    /** The stored response becomes the method's result; from the early lookup, the hit goes on after the invocation. */
    private static void answer(ResteasyReactiveRequestContext request, CacheExchange exchange) {
        request.setResult(exchange.storedResponse());
        if (exchange.resumeAt > 0) {
            request.setPosition(exchange.resumeAt);
        }
    }
}
