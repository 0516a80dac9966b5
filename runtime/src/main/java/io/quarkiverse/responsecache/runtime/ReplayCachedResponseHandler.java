package io.quarkiverse.responsecache.runtime;

import java.util.Map;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerHttpResponse;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

import io.quarkus.arc.Arc;

/**
 * Writes a stored response to the client, byte for byte, with its original status. The only chain a hit runs.
 */
final class ReplayCachedResponseHandler implements ServerRestHandler {

    private volatile ResponseCacheService service;

    @Override
    public void handle(ResteasyReactiveRequestContext requestContext) {
        CacheExchange exchange = (CacheExchange) requestContext.getProperty(CacheExchange.PROPERTY);
        CachedResponse hit = exchange.hit;
        long now = System.currentTimeMillis();
        ServerHttpResponse response = requestContext.serverResponse();
        for (Map.Entry<String, String> header : hit.headers()) {
            response.addResponseHeader(header.getKey(), header.getValue());
        }
        response.setResponseHeader("ETag", hit.etag());
        response.setResponseHeader("Cache-Control", "max-age=" + hit.secondsLeft(now));
        response.setResponseHeader("Age", Long.toString(hit.ageSeconds(now)));
        response.setResponseHeader(service().cacheStatusHeader(), "HIT");
        if (HttpCacheHeaders.ifNoneMatchMatches(requestContext.serverRequest().getRequestHeader("If-None-Match"),
                hit.etag())) {
            response.removeResponseHeader("Content-Type");
            response.setStatusCode(304);
            response.end();
            return;
        }
        response.setStatusCode(hit.status());
        if ("HEAD".equals(requestContext.getMethod())) {
            response.setResponseHeader("Content-Length", Integer.toString(hit.body().length));
            response.end();
        } else {
            response.end(hit.body());
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
