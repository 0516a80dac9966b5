package io.quarkiverse.responsecache.runtime;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

import io.quarkus.arc.Arc;

/**
 * Runs first in a cached endpoint's handler chain, right after matching and before the blocking/non-blocking
 * dispatch: a hit is answered from the event loop and never takes a worker thread.
 * <p>
 * The lookup suspends the request and resumes it when the store answers: on a hit the chain is replaced by
 * {@link ReplayCachedResponseHandler}; on a miss it continues to the resource method, and
 * {@link ResponseCacheStoreHandler} stores what it produces.
 */
public class ResponseCacheLookupHandler implements ServerRestHandler {

    private static final ServerRestHandler[] REPLAY_CHAIN = { new ReplayCachedResponseHandler() };

    private CachedEndpoint endpoint;
    private volatile ResponseCacheService service;

    public ResponseCacheLookupHandler() {
    }

    public ResponseCacheLookupHandler(CachedEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    public CachedEndpoint getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(CachedEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void handle(ResteasyReactiveRequestContext requestContext) {
        ResponseCacheService cache = service();
        if (!cache.enabled()) {
            return;
        }
        String cacheControl = requestContext.serverRequest().getRequestHeader("Cache-Control");
        if (HttpCacheHeaders.hasDirective(cacheControl, "no-store")) {
            // neither answered from the cache nor stored
            return;
        }
        CacheExchange exchange = new CacheExchange(cache.key(endpoint, requestContext), CacheExchange.Outcome.MISS);
        requestContext.setProperty(CacheExchange.PROPERTY, exchange);
        if (HttpCacheHeaders.hasDirective(cacheControl, "no-cache")) {
            // recomputed, and the fresh response replaces the entry
            return;
        }
        requestContext.suspend();
        cache.lookup(exchange.key).subscribe().with(hit -> {
            if (hit != null) {
                exchange.outcome = CacheExchange.Outcome.HIT;
                exchange.hit = hit;
                requestContext.restart(REPLAY_CHAIN);
            }
            requestContext.resume();
        }, failure -> {
            cache.storeFailed(failure);
            exchange.outcome = CacheExchange.Outcome.BYPASS;
            requestContext.resume();
        });
    }

    private ResponseCacheService service() {
        ResponseCacheService resolved = service;
        if (resolved == null) {
            service = resolved = Arc.container().instance(ResponseCacheService.class).get();
        }
        return resolved;
    }
}
