package io.quarkiverse.responsecache.runtime.handler;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

import io.quarkiverse.responsecache.runtime.coordination.CacheDecision;
import io.quarkiverse.responsecache.runtime.coordination.CacheDecisions;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.http.HttpCacheHeaders;
import io.quarkiverse.responsecache.runtime.key.RequestCredentials;
import io.quarkiverse.responsecache.runtime.observe.CacheDetail;
import io.quarkiverse.responsecache.runtime.observe.CacheForward;
import io.quarkiverse.responsecache.runtime.observe.CacheOutcome;
import io.quarkiverse.responsecache.runtime.orm.EntityReads;

/**
 * Runs in a cached endpoint's handler chain right before the resource method is invoked: after the request filters,
 * the security checks and the parameters, so a hit goes through everything a miss goes through but the method call.
 * Here the request's own inputs decide:
 *
 * <pre>
 * cache or endpoint disabled                  -> not involved
 * request Cache-Control: no-store             -> bypass (fwd=request; detail=request-no-store)
 * a caller, endpoint not keyed by callers     -> bypass (detail=credentials)
 * fresh copy in the near cache                -> hit (detail=near), answered synchronously
 * otherwise                                   -> what {@link CacheDecisions} decides, carried out once
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
        } else if (CacheExchange.of(request) != null) {
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
        CacheExchange exchange = new CacheExchange(cache, policy, request);
        exchange.resumeAt = resumeAt;
        CacheExchange.attach(request, exchange);

        String cacheControl = cache.honorsRequestDirectives
                ? request.serverRequest().getRequestHeader("Cache-Control")
                : null;
        if (HttpCacheHeaders.hasDirective(cacheControl, "no-store")) {
            exchange.bypass(CacheForward.REQUEST, CacheDetail.REQUEST_NO_STORE);
            endsWithRequest(request, exchange);
            return;
        }
        String principal = null;
        if (RequestCredentials.present(request)) {
            if (!policy.keyByPrincipal()) {
                exchange.bypass(CacheForward.BYPASS, CacheDetail.CREDENTIALS);
                endsWithRequest(request, exchange);
                return;
            }
            principal = RequestCredentials.principal(request);
        }
        exchange.principal = principal;
        exchange.varied = cache.keys.variedHeaders().of(policy.endpoint().id());
        exchange.key = cache.keys.key(policy, request, principal, exchange.varied);
        CacheDecisions.Start start = cache.refresher.isRefresh(request) ? CacheDecisions.Start.REFRESH
                : HttpCacheHeaders.hasDirective(cacheControl, "no-cache") ? CacheDecisions.Start.REVALIDATE
                        : CacheDecisions.Start.LOOKUP;
        if (start == CacheDecisions.Start.LOOKUP) {
            // the near tier holds what Redis held: checked like any entry read back; the rules may cut an expiry
            // back, and a copy no longer fresh goes to Redis, which handles stale entries
            CachedResponse near = cache.decisions.admitted(policy, cache.nearCache.hit(exchange.key));
            if (near != null && near.isFresh(cache.clock.currentTimeMillis())) {
                // answered here, on the event loop, without suspending: no store call, no callback
                exchange.tier = "near";
                exchange.replay(near, CacheOutcome.HIT, CacheDetail.NEAR);
                answer(request, exchange);
                return;
            }
        }
        request.suspend();
        cache.decisions.decide(exchange, start).subscribe().with(decision -> {
            if (start == CacheDecisions.Start.LOOKUP && !(decision instanceof CacheDecision.Bypass)) {
                exchange.tier = cache.store.tier();
            }
            if (!(decision instanceof CacheDecision.Replay) || exchange.computation != null) {
                endsWithRequest(request, exchange);
            }
            carryOut(request, exchange, decision);
            request.resume();
        }, failure -> {
            // never expected (deciding recovers from every store failure); the request goes on uncached
            exchange.bypass(CacheForward.BYPASS, CacheDetail.STORE_UNAVAILABLE);
            endsWithRequest(request, exchange);
            request.resume();
        });
    }

    /**
     * Whatever becomes of a request that goes on to the endpoint or took part in a computation (it fails, is aborted,
     * its client leaves), the requests waiting for its computation go on, a lock or claim it holds goes, and its
     * outcome is reported. A plain hit needs none of it: its status headers report it. Called on the thread the
     * decision completed on, before {@code resume()}, or before suspending for a bypass: the request cannot end
     * before it, and the context's callbacks are registered and run under its lock.
     */
    private static void endsWithRequest(ResteasyReactiveRequestContext request, CacheExchange exchange) {
        request.registerCompletionCallback(failure -> {
            exchange.services.decisions.ended(exchange.computation, exchange.claim);
            exchange.report(false, 0);
        });
    }

    private static void carryOut(ResteasyReactiveRequestContext request, CacheExchange exchange,
            CacheDecision decision) {
        if (decision instanceof CacheDecision.Replay replay) {
            exchange.replay(replay.response(), replay.outcome(), replay.detail());
            answer(request, exchange);
            if (replay.refresh()) {
                exchange.services.refresher.refresh(exchange.key, request.serverRequest(), exchange.policy,
                        exchange.varied);
            }
        } else if (decision instanceof CacheDecision.Compute compute) {
            exchange.forward(compute.forward(), compute.detail());
            if (compute.staleFallback() != null) {
                exchange.staleFallback = compute.staleFallback();
                request.setAbortHandlerChain(StaleIfErrorHandler.insertInto(request.getAbortHandlerChain()));
            }
            exchange.claim = compute.claim();
            if (exchange.claim != null && exchange.claim.reads() != null) {
                // what the endpoint reads through Hibernate ORM is recorded from now on; see EntityEvictions
                request.setProperty(EntityReads.PROPERTY, exchange.claim.reads());
            }
        } else if (decision instanceof CacheDecision.Bypass bypass) {
            exchange.bypass(bypass.forward(), bypass.detail());
        }
    }

    /** The stored response becomes the method's result; from the early lookup, the hit goes on after the invocation. */
    private static void answer(ResteasyReactiveRequestContext request, CacheExchange exchange) {
        request.setResult(exchange.storedEntity());
        if (exchange.resumeAt > 0) {
            request.setPosition(exchange.resumeAt);
        }
    }
}
