package io.quarkiverse.responsecache.runtime.handler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.ServerSerialisers;
import org.jboss.resteasy.reactive.server.spi.ServerHttpResponse;

import io.quarkiverse.responsecache.runtime.coordination.Computation;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.http.HttpCacheHeaders;
import io.quarkiverse.responsecache.runtime.store.EntryMarks;
import io.smallrye.mutiny.Uni;

/**
 * The output stream a cached endpoint's writer writes into on a miss. It buffers the body; when the writer closes
 * it, it sends the response itself, headers first, so what is stored is what is sent. When the response qualifies it
 * is stored and carries {@code ETag} and {@code Cache-Control}.
 * <p>
 * A body that grows past {@code max-body-size} is not stored: the stream hands what it buffered to the regular
 * response stream and passes everything else through.
 */
final class ResponseCapturingOutputStream extends OutputStream {

    private final ResteasyReactiveRequestContext request;
    private final CacheExchange exchange;
    private final Buffer buffer = new Buffer();
    /** The regular response stream, once the body proved too large to store. */
    private OutputStream passThrough;
    private boolean closed;

    ResponseCapturingOutputStream(ResteasyReactiveRequestContext request, CacheExchange exchange) {
        this.request = request;
        this.exchange = exchange;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] { (byte) b }, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (passThrough == null && buffer.size() + (long) length > exchange.services.maxBodySize) {
            passThrough();
        }
        if (passThrough != null) {
            passThrough.write(bytes, offset, length);
        } else {
            buffer.write(bytes, offset, length);
        }
    }

    @Override
    public void flush() throws IOException {
        if (passThrough != null) {
            passThrough.flush();
        }
    }

    private void passThrough() throws IOException {
        exchange.statusHeaders(request.getResponse().get().getHeaders()::putSingle, false, 0);
        request.setOutputStream(null);
        passThrough = request.getOrCreateOutputStream();
        passThrough.write(buffer.bytes(), 0, buffer.size());
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (passThrough != null) {
            passThrough.close();
            return;
        }
        byte[] body = buffer.toByteArray();
        // encode the response headers now rather than when the body is sent, so they can be stored as sent
        ServerSerialisers.encodeResponseHeaders(request);
        ServerHttpResponse response = request.serverResponse();
        response.setPreCommitListener(null);
        int status = request.getResponse().get().getStatus();
        boolean storable = isStorable(status, response) && keyCoversVary(response);
        boolean stored = false;
        // the endpoint's own ETag when it set a valid one; a malformed one would be stored as it could not be replayed
        String etag = response.getResponseHeader("ETag");
        if (storable) {
            if (!HttpCacheHeaders.isEntityTag(etag)) {
                etag = HttpCacheHeaders.strongETag(body);
            }
            EndpointPolicy policy = exchange.policy;
            long expiresAt = exchange.services.clock.currentTimeMillis() + policy.expire().toMillis();
            store(new CachedResponse(status, expiresAt, etag, replayableHeaders(status, response), body));
            stored = true;
            response.setResponseHeader("ETag", etag);
            response.setResponseHeader("Cache-Control", policy.cacheControl(policy.expire().toSeconds()));
        }
        exchange.statusHeaders(response::setResponseHeader, stored, 0);
        if (HttpCacheHeaders.notModified(status, request.serverRequest().getRequestHeader("If-None-Match"), etag)) {
            response.removeResponseHeader("Content-Type");
            response.setStatusCode(304);
            response.end();
            return;
        }
        response.end(body);
    }

    /**
     * Hands the response to the requests waiting for it and writes the entry under this request's claim, indexed by
     * its namespace and tags, without delaying this response. (While the store refuses writes, its writes' breaker
     * open, no claim was taken, so nothing gets here: the waiting requests compute for themselves.)
     */
    private void store(CachedResponse response) {
        exchange.storing = true;
        CacheServices services = exchange.services;
        EndpointPolicy policy = exchange.policy;
        Uni<Boolean> write = exchange.key.equals(exchange.claimedKey)
                ? services.store.putIfClaimed(exchange.key, exchange.claim, response, retention(),
                        exchange.memberships)
                : storeUnderLearnedKey(response);
        if (services.events.observed()) {
            String endpoint = policy.endpoint().name();
            int bytes = response.bodyLength();
            write = write.invoke(stored -> {
                if (stored) {
                    services.events.stored(endpoint, bytes);
                }
            });
        }
        Computation computation = exchange.computation;
        if (computation == null) {
            // a no-cache request: nobody waits for it
            write.subscribe().with(ignored -> {
            }, ignored -> {
            });
        } else {
            services.coordinator.completed(computation, response, write);
        }
    }

    /**
     * Makes the entry's key hold every request header the response's own {@code Vary} names (RFC 9111 section 4.1),
     * learning them for the endpoint's later keys.
     *
     * @return false when the response must not be stored ({@code Vary: *})
     */
    private boolean keyCoversVary(ServerHttpResponse response) {
        List<String> vary = new ArrayList<>(1);
        for (Map.Entry<String, String> header : response.getAllResponseHeaders()) {
            if (header.getKey().equalsIgnoreCase("Vary")) {
                vary.add(header.getValue());
            }
        }
        if (vary.isEmpty()) {
            return true;
        }
        CacheServices services = exchange.services;
        Set<String> keyed = services.keys.variedHeaders().learn(exchange.policy, vary);
        if (keyed == null) {
            return false;
        }
        if (!keyed.equals(exchange.varied)) {
            exchange.key = services.keys.key(exchange.policy, request, exchange.principal, keyed);
            exchange.varied = keyed;
        }
        return true;
    }

    /**
     * @return how long the entry stays in the store: its retention, less the time the computation took beyond
     *         {@link EntryMarks#MEMBERSHIP_GRACE}, so the entry never outlives the index memberships its claim wrote
     */
    private Duration retention() {
        Duration retention = exchange.policy.retention();
        long overrun = System.nanoTime() - exchange.claimedAtNanos - EntryMarks.MEMBERSHIP_GRACE.toNanos();
        return overrun > 0 ? retention.minusNanos(overrun) : retention;
    }

    /**
     * The response taught the endpoint a header its own {@code Vary} names, so its key changed after the claim. The new
     * key is claimed first (from then on an eviction reaches it), then the old claim is checked (an eviction since the
     * computation began changed it), and only then the entry is stored under the new key's claim. One round trip more,
     * once per header learned.
     */
    private Uni<Boolean> storeUnderLearnedKey(CachedResponse response) {
        CacheServices services = exchange.services;
        EndpointPolicy policy = exchange.policy;
        String key = exchange.key;
        Map<String, String> memberships = services.indexes.memberships(key, policy.endpoint().namespace(),
                policy.renderTags(request), request.getPath());
        Duration retention = retention();
        return services.store.claim(key, retention, memberships)
                .chain(claim -> services.store.claim(exchange.claimedKey, retention, exchange.memberships)
                        .chain(old -> old.equals(exchange.claim)
                                ? services.store.putIfClaimed(key, claim, response, retention, memberships)
                                : Uni.createFrom().item(false)))
                .call(() -> services.store.release(exchange.claimedKey, exchange.claim));
    }

    private boolean isStorable(int status, ServerHttpResponse response) {
        if (retention().toMillis() <= 0) {
            return false;
        }
        if (!exchange.services.isCacheableStatus(status) || response.getResponseHeader("Set-Cookie") != null) {
            return false;
        }
        String cacheControl = response.getResponseHeader("Cache-Control");
        return !HttpCacheHeaders.hasDirective(cacheControl, "no-store")
                && !HttpCacheHeaders.hasDirective(cacheControl, "private");
    }

    private List<Map.Entry<String, String>> replayableHeaders(int status, ServerHttpResponse response) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(4);
        for (Map.Entry<String, String> header : response.getAllResponseHeaders()) {
            if (exchange.services.rules.keepsHeader(status, header.getKey(), header.getValue())) {
                headers.add(Map.entry(header.getKey(), header.getValue()));
            }
        }
        return headers;
    }

    /** Exposes the buffer without a copy for the hand-over to the regular stream. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(256);
        }

        byte[] bytes() {
            return buf;
        }
    }
}
