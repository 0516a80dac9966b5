package io.quarkiverse.responsecache.runtime;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.ServerSerialisers;
import org.jboss.resteasy.reactive.server.spi.ServerHttpResponse;

/**
 * The output stream a cached endpoint's writer writes into on a miss. It buffers the body, and when the writer
 * closes it, sends the response itself: headers first (so what is stored is what is sent), then, when the response
 * qualifies, stores it and adds {@code ETag} and {@code Cache-Control}.
 */
final class ResponseCapturingOutputStream extends ByteArrayOutputStream {

    /** Headers that describe one connection or one client, or that the cache writes itself: never replayed. */
    private static final Set<String> NOT_REPLAYED = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "upgrade", "te", "trailer", "proxy-authenticate", "proxy-authorization", "authorization",
            "www-authenticate", "set-cookie", "set-cookie2", "date", "age", "etag", "cache-control");

    private final ResteasyReactiveRequestContext requestContext;
    private final String key;
    private final Duration expire;
    private final ResponseCacheService cache;
    private boolean closed;

    ResponseCapturingOutputStream(ResteasyReactiveRequestContext requestContext, String key, Duration expire,
            ResponseCacheService cache) {
        super(256);
        this.requestContext = requestContext;
        this.key = key;
        this.expire = expire;
        this.cache = cache;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        byte[] body = toByteArray();
        // encode the response headers now, instead of when the body is sent, so they can be stored as sent
        ServerSerialisers.encodeResponseHeaders(requestContext);
        ServerHttpResponse response = requestContext.serverResponse();
        response.setPreCommitListener(null);
        int status = requestContext.getResponse().get().getStatus();
        if (isStorable(status, response)) {
            long now = System.currentTimeMillis();
            String etag = response.getResponseHeader("ETag");
            if (etag == null) {
                etag = HttpCacheHeaders.strongETag(body);
            }
            CachedResponse entry = new CachedResponse(status, now, now + expire.toMillis(), etag,
                    replayableHeaders(response), body);
            cache.store(key, entry);
            response.setResponseHeader("ETag", etag);
            response.setResponseHeader("Cache-Control", "max-age=" + expire.toSeconds());
            if (HttpCacheHeaders.ifNoneMatchMatches(requestContext.serverRequest().getRequestHeader("If-None-Match"),
                    etag)) {
                response.removeResponseHeader("Content-Type");
                response.setStatusCode(304);
                response.end();
                return;
            }
        }
        response.end(body);
    }

    private boolean isStorable(int status, ServerHttpResponse response) {
        if (!cache.isCacheableStatus(status) || response.getResponseHeader("Set-Cookie") != null) {
            return false;
        }
        String cacheControl = response.getResponseHeader("Cache-Control");
        return !HttpCacheHeaders.hasDirective(cacheControl, "no-store")
                && !HttpCacheHeaders.hasDirective(cacheControl, "private");
    }

    private List<Map.Entry<String, String>> replayableHeaders(ServerHttpResponse response) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(4);
        for (Map.Entry<String, String> header : response.getAllResponseHeaders()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!NOT_REPLAYED.contains(name) && !name.equalsIgnoreCase(cache.cacheStatusHeader())) {
                headers.add(Map.entry(header.getKey(), header.getValue()));
            }
        }
        return headers;
    }
}
