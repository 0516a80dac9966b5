package io.quarkiverse.responsecache.runtime.handler;

import java.util.List;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

/**
 * Runs after the resource method's result became a response, only when the method returned normally: exceptions take
 * the abort chain and are never stored.
 * <p>
 * It does not serialize the entity itself. It hands the writer a {@link ResponseCapturingOutputStream}, so the bytes
 * stored are exactly the bytes the endpoint's own {@code MessageBodyWriter} (and any writer interceptor) produced and
 * sent.
 */
public class ResponseCacheStoreHandler implements ServerRestHandler {

    @Override
    public void handle(ResteasyReactiveRequestContext request) {
        CacheExchange exchange = (CacheExchange) request.getProperty(CacheExchange.PROPERTY);
        if (exchange == null) {
            return;
        }
        Response response = request.getResponse().get();
        if (exchange.staleFallback != null && response.getStatus() >= 500) {
            exchange.replay(exchange.staleFallback, "stale-if-error");
            request.restart(ResponseCacheLookupHandler.REPLAY_CHAIN);
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        String vary = exchange.policy.vary();
        if (vary != null) {
            // the endpoint's own Vary stays, all of its lines
            List<Object> existing = headers.get("Vary");
            StringBuilder combined = new StringBuilder();
            if (existing != null) {
                for (Object value : existing) {
                    combined.append(value).append(", ");
                }
            }
            headers.putSingle("Vary", combined.append(vary).toString());
        }
        if (exchange.stores() && !"HEAD".equals(request.getMethod())) {
            request.setOutputStream(new ResponseCapturingOutputStream(request, exchange));
        } else {
            exchange.statusHeaders(headers::putSingle, false, 0);
        }
    }
}
