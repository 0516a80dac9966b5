package io.quarkiverse.responsecache.runtime.handler;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.handlers.ResponseHandler;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

/**
 * Added to the abort chain of a request that holds a stale entry within its stale-if-error window, right after the
 * exception has been mapped to a response: when that response is a server error (5xx), the stale response is
 * replayed instead. Deciding on the mapped response, not on the exception, respects the application's exception
 * mappers, exactly as a returned 5xx response is judged.
 */
final class StaleIfErrorHandler implements ServerRestHandler {

    private static final StaleIfErrorHandler INSTANCE = new StaleIfErrorHandler();

    /** @return the abort chain with this handler after the one that turns the mapped exception into a response */
    static ServerRestHandler[] insertInto(ServerRestHandler[] abortChain) {
        int after = -1;
        for (int i = 0; i < abortChain.length; i++) {
            if (abortChain[i] instanceof ResponseHandler) {
                after = i;
                break;
            }
        }
        ServerRestHandler[] chain = new ServerRestHandler[abortChain.length + 1];
        System.arraycopy(abortChain, 0, chain, 0, after + 1);
        chain[after + 1] = INSTANCE;
        System.arraycopy(abortChain, after + 1, chain, after + 2, abortChain.length - after - 1);
        return chain;
    }

    @Override
    public void handle(ResteasyReactiveRequestContext request) {
        CacheExchange exchange = CacheExchange.of(request);
        if (exchange != null && exchange.staleFallback != null && !exchange.outcome.answeredFromCache()
                && request.getResponse().isCreated() && request.getResponse().get().getStatus() >= 500) {
            ResponseCacheStoreHandler.serveStaleIfError(request, exchange);
        }
    }
}
