package io.quarkiverse.responsecache.runtime;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

import io.quarkus.arc.Arc;

/**
 * Runs after the resource method's result became a response, only when the method succeeded: exceptions take the
 * abort chain and are never stored.
 * <p>
 * It does not serialize the entity itself. It hands the writer a {@link ResponseCapturingOutputStream}, so the
 * bytes stored are exactly the bytes the endpoint's own {@code MessageBodyWriter} (and any writer interceptor)
 * produced and sent.
 */
public class ResponseCacheStoreHandler implements ServerRestHandler {

    private CachedEndpoint endpoint;
    private volatile ResponseCacheService service;

    public ResponseCacheStoreHandler() {
    }

    public ResponseCacheStoreHandler(CachedEndpoint endpoint) {
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
        CacheExchange exchange = (CacheExchange) requestContext.getProperty(CacheExchange.PROPERTY);
        if (exchange == null) {
            return;
        }
        ResponseCacheService cache = service();
        Response response = requestContext.getResponse().get();
        response.getHeaders().putSingle(cache.cacheStatusHeader(), exchange.outcome.name());
        if (exchange.outcome == CacheExchange.Outcome.MISS && !"HEAD".equals(requestContext.getMethod())) {
            requestContext.setOutputStream(new ResponseCapturingOutputStream(requestContext, exchange.key,
                    cache.expire(endpoint), cache));
        }
    }

    private ResponseCacheService service() {
        ResponseCacheService resolved = service;
        if (resolved == null) {
            service = resolved = Arc.container().instance(ResponseCacheService.class).get();
        }
        return resolved;
    }
}
