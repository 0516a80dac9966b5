package io.quarkiverse.responsecache.runtime.handler;

import java.util.Map;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerHttpResponse;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

import io.netty.buffer.Unpooled;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.http.HttpCacheHeaders;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Writes a stored response to the client, byte for byte, with its original status. The whole chain of a hit.
 */
final class ReplayCachedResponseHandler implements ServerRestHandler {

    @Override
    public void handle(ResteasyReactiveRequestContext request) {
        CacheExchange exchange = (CacheExchange) request.getProperty(CacheExchange.PROPERTY);
        CachedResponse stored = exchange.replay;
        long now = exchange.services.clock.currentTimeMillis();
        ServerHttpResponse response = request.serverResponse();
        for (Map.Entry<String, String> header : stored.headers()) {
            response.addResponseHeader(header.getKey(), header.getValue());
        }
        long ttl = stored.ttlSeconds(now);
        response.setResponseHeader("ETag", stored.etag());
        response.setResponseHeader("Cache-Control", exchange.policy.cacheControl(Math.max(0, ttl)));
        response.setResponseHeader("Age", Long.toString(stored.ageSeconds(now, exchange.policy.expire().toMillis())));
        exchange.statusHeaders(response::setResponseHeader, false, ttl);
        if (HttpCacheHeaders.notModified(stored.status(), request.serverRequest().getRequestHeader("If-None-Match"),
                stored.etag())) {
            response.removeResponseHeader("Content-Type");
            response.setStatusCode(304);
            response.end();
            return;
        }
        response.setStatusCode(stored.status());
        if ("HEAD".equals(request.getMethod())) {
            response.setResponseHeader("Content-Length", Integer.toString(stored.bodyLength()));
            response.end();
        } else {
            endWithBody(request, stored);
        }
    }

    /**
     * Writes the body from the bytes the store returned, wrapped rather than copied: Netty copies it once into the
     * direct buffer the socket writes from. {@code ServerHttpResponse#end(byte[])} would take a whole array, which a
     * decoded entry does not have without copying its body out first. (A pooled buffer must not be handed to a Vert.x
     * {@code Buffer}: Vert.x passes it on as unreleasable, and it would never return to its pool.)
     */
    private static void endWithBody(ResteasyReactiveRequestContext request, CachedResponse stored) {
        HttpServerRequest server = request.serverRequest().unwrap(HttpServerRequest.class);
        if (server == null) {
            request.serverResponse().end(stored.body());
            return;
        }
        server.response().end(Buffer.buffer(Unpooled.wrappedBuffer(stored.source(), stored.bodyOffset(), stored.bodyLength())));
    }
}
