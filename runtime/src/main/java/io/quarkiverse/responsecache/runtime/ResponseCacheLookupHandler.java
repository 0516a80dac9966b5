package io.quarkiverse.responsecache.runtime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

import io.smallrye.mutiny.Uni;

/**
 * Runs first in a cached endpoint's handler chain, right after matching and before the blocking/non-blocking
 * dispatch, so a hit is answered from the event loop and never takes a worker thread.
 * <p>
 * It decides what the cache does with the request, asks the store without blocking (the request is suspended and
 * resumed when the store answers), and then either replaces the chain with {@link ReplayCachedResponseHandler} or
 * lets the request go on to the resource method, whose response {@link ResponseCacheStoreHandler} stores.
 * <p>
 * On a miss, only one request per key computes it: in this instance always (the others wait for its response), and
 * across instances when the distributed lock is on.
 */
public class ResponseCacheLookupHandler implements ServerRestHandler {

    static final ServerRestHandler[] REPLAY_CHAIN = { new ReplayCachedResponseHandler() };
    private static final Duration POLL_INTERVAL = Duration.ofMillis(25);

    private CachedEndpoint endpoint;
    private volatile EndpointPolicy policy;
    private final ServiceReference service = new ServiceReference();

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
    public void handle(ResteasyReactiveRequestContext request) {
        ResponseCacheService cache = service.get();
        if (!cache.enabled()) {
            return;
        }
        EndpointPolicy policy = policy(cache);
        if (!policy.enabled()) {
            return;
        }
        CacheExchange exchange = new CacheExchange(cache, policy);
        request.setProperty(CacheExchange.PROPERTY, exchange);

        String cacheControl = cache.honorsRequestDirectives()
                ? request.serverRequest().getRequestHeader("Cache-Control")
                : null;
        if (HttpCacheHeaders.hasDirective(cacheControl, "no-store")) {
            exchange.bypass("request", null);
            return;
        }
        String principal = null;
        if (RequestCredentials.present(request)) {
            if (!policy.keyByPrincipal()) {
                exchange.bypass("bypass", "credentials");
                return;
            }
            principal = RequestCredentials.principal(request);
        }
        exchange.key = cache.key(policy, request, principal);
        if (HttpCacheHeaders.hasDirective(cacheControl, "no-cache")) {
            exchange.forward = "request";
            return;
        }
        if (!cache.storeAvailable()) {
            exchange.bypass("bypass", "store-unavailable");
            return;
        }
        request.suspend();
        cache.lookup(exchange.key).subscribe().with(
                found -> afterLookup(request, exchange, found),
                failure -> {
                    exchange.bypass("bypass", "store-unavailable");
                    request.resume();
                });
    }

    private void afterLookup(ResteasyReactiveRequestContext request, CacheExchange exchange, CachedResponse found) {
        long now = System.currentTimeMillis();
        if (found != null && found.isFresh(now)) {
            exchange.replay(found, null);
            replay(request);
            return;
        }
        EndpointPolicy policy = exchange.policy;
        boolean staleServable = found != null && now < found.expiresAtMillis() + policy.staleWhileRevalidate().toMillis();
        if (found != null && now < found.expiresAtMillis() + policy.staleIfError().toMillis()) {
            exchange.staleFallback = found;
            request.setAbortHandlerChain(StaleIfErrorHandler.insertInto(request.getAbortHandlerChain()));
        }
        if (found != null) {
            exchange.forward = "stale";
        }
        ResponseCacheService cache = exchange.cache;
        CompletableFuture<CachedResponse> computing = cache.joinFlight(exchange);
        if (computing != null) {
            if (staleServable) {
                // another request refreshes the entry: serve the stale copy now (stale-while-revalidate)
                exchange.replay(found, "stale");
                replay(request);
            } else {
                awaitConcurrentComputation(request, exchange, computing);
            }
            return;
        }
        // this request computes the key; whatever becomes of it, the requests waiting for it must go on. When its
        // response is stored, the store releases the lock once the entry is written; otherwise it is released here
        request.registerCompletionCallback(failure -> {
            cache.finishFlight(exchange, null);
            if (!exchange.storing) {
                cache.unlock(exchange).subscribe().with(ignored -> {
                });
            }
        });
        if (!cache.distributedLockEnabled()) {
            request.resume();
            return;
        }
        cache.tryLock(exchange).subscribe().with(taken -> {
            if (taken) {
                request.resume();
            } else if (staleServable) {
                exchange.replay(found, "stale");
                cache.finishFlight(exchange, found);
                replay(request);
            } else {
                awaitOtherInstance(request, exchange, System.nanoTime() + cache.lockWait().toNanos());
            }
        });
    }

    private static void awaitConcurrentComputation(ResteasyReactiveRequestContext request, CacheExchange exchange,
            CompletableFuture<CachedResponse> computing) {
        Uni.createFrom().completionStage(computing)
                .ifNoItem().after(exchange.cache.coalescingTimeout()).recoverWithItem(() -> null)
                .subscribe().with(computed -> {
                    if (computed != null) {
                        exchange.replay(computed, "coalesced");
                        replay(request);
                    } else {
                        // the other request failed or took too long: compute it here
                        request.resume();
                    }
                });
    }

    /**
     * Another instance holds the lock: poll for its entry until it appears, or until the lock can be taken (its holder
     * died and its lease ran out) or the wait is over; then compute.
     */
    private static void awaitOtherInstance(ResteasyReactiveRequestContext request, CacheExchange exchange,
            long deadlineNanos) {
        ResponseCacheService cache = exchange.cache;
        Uni.createFrom().voidItem().onItem().delayIt().by(POLL_INTERVAL)
                .chain(() -> cache.lookup(exchange.key))
                .onFailure().recoverWithNull()
                .subscribe().with(found -> {
                    if (found != null && found.isFresh(System.currentTimeMillis())) {
                        exchange.replay(found, "coalesced");
                        cache.finishFlight(exchange, found);
                        replay(request);
                    } else if (System.nanoTime() - deadlineNanos < 0) {
                        cache.tryLock(exchange).subscribe().with(taken -> {
                            if (taken) {
                                computeUnlessWritten(request, exchange);
                            } else {
                                awaitOtherInstance(request, exchange, deadlineNanos);
                            }
                        });
                    } else {
                        request.resume();
                    }
                });
    }

    /**
     * The lock was free: its holder either died or just wrote the entry and let go between this request's last look
     * and its taking the lock. One more look tells which.
     */
    private static void computeUnlessWritten(ResteasyReactiveRequestContext request, CacheExchange exchange) {
        ResponseCacheService cache = exchange.cache;
        cache.lookup(exchange.key).onFailure().recoverWithNull().subscribe().with(found -> {
            if (found != null && found.isFresh(System.currentTimeMillis())) {
                exchange.replay(found, "coalesced");
                cache.finishFlight(exchange, found);
                cache.unlock(exchange).subscribe().with(ignored -> {
                });
                replay(request);
            } else {
                request.resume();
            }
        });
    }

    private static void replay(ResteasyReactiveRequestContext request) {
        request.restart(REPLAY_CHAIN);
        request.resume();
    }

    private EndpointPolicy policy(ResponseCacheService cache) {
        EndpointPolicy resolved = policy;
        if (resolved == null) {
            policy = resolved = cache.policy(endpoint);
        }
        return resolved;
    }
}
