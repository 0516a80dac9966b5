package io.quarkiverse.responsecache.runtime;

import jakarta.ws.rs.WebApplicationException;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

/**
 * First handler of the abort chain of a request that holds a stale entry within its stale-if-error window: when the
 * endpoint throws an exception that means a server error (any exception but a {@code WebApplicationException} of a
 * status below 500), the stale response is replayed instead of the error, as for a returned 5xx response.
 */
final class StaleIfErrorHandler implements ServerRestHandler {

    private static final StaleIfErrorHandler INSTANCE = new StaleIfErrorHandler();

    static ServerRestHandler[] prepend(ServerRestHandler[] abortChain) {
        ServerRestHandler[] chain = new ServerRestHandler[abortChain.length + 1];
        chain[0] = INSTANCE;
        System.arraycopy(abortChain, 0, chain, 1, abortChain.length);
        return chain;
    }

    private static boolean isServerError(Throwable failure) {
        return !(failure instanceof WebApplicationException web) || web.getResponse() == null
                || web.getResponse().getStatus() >= 500;
    }

    @Override
    public void handle(ResteasyReactiveRequestContext request) {
        CacheExchange exchange = (CacheExchange) request.getProperty(CacheExchange.PROPERTY);
        if (exchange != null && exchange.staleFallback != null && exchange.outcome != CacheExchange.Outcome.HIT
                && isServerError(request.getThrowable())) {
            exchange.replay(exchange.staleFallback, "stale-if-error");
            request.restart(ResponseCacheLookupHandler.REPLAY_CHAIN);
        }
    }
}
