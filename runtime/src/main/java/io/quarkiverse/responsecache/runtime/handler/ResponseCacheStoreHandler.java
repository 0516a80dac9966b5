package io.quarkiverse.responsecache.runtime.handler;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.common.jaxrs.ResponseImpl;
import org.jboss.resteasy.reactive.server.core.LazyResponse;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

import io.quarkiverse.responsecache.runtime.coordination.StoreDecision;
import io.quarkiverse.responsecache.runtime.coordination.StoreDecisions;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.entry.StoredCompression;
import io.quarkiverse.responsecache.runtime.http.DecimalText;
import io.quarkiverse.responsecache.runtime.observe.CacheDetail;
import io.quarkiverse.responsecache.runtime.observe.CacheOutcome;

/**
 * Runs once the resource method's result became a response (or a hit's stored response took its place), before the
 * response filters. Exceptions take the abort chain and never get here, so they are never stored.
 * <p>
 * A hit gets its caching headers and the writer of its stored body. A miss that stores has its entity serialized
 * here, before the response filters, by {@link BodyCapture}, and {@link StoreDecisions} decides what becomes of it:
 * what is stored is what the resource method produced, and from here on the miss goes on exactly as a hit, so the
 * response filters and writer interceptors run for each request on the same entity.
 */
public class ResponseCacheStoreHandler implements ServerRestHandler {

    /** Whether the method is {@code @Compressed}; with the two below, as Quarkus compresses its responses. */
    private boolean compressAlways;
    /** The media types Quarkus compresses; empty when compression is off or the method is {@code @Uncompressed}. */
    private Set<String> compressMediaTypes = Set.of();
    private int compressionLevel = 6;
    private volatile StoredCompression compression;
    /** The {@code Cache-Control} of this endpoint's last hit: the same for every hit within a second. */
    private volatile CacheControlValue lastCacheControl;

    public boolean isCompressAlways() {
        return compressAlways;
    }

    public void setCompressAlways(boolean compressAlways) {
        this.compressAlways = compressAlways;
    }

    public Set<String> getCompressMediaTypes() {
        return compressMediaTypes;
    }

    public void setCompressMediaTypes(Set<String> compressMediaTypes) {
        this.compressMediaTypes = compressMediaTypes;
    }

    public int getCompressionLevel() {
        return compressionLevel;
    }

    public void setCompressionLevel(int compressionLevel) {
        this.compressionLevel = compressionLevel;
    }

    private StoredCompression compression() {
        StoredCompression built = compression;
        if (built == null) {
            built = compression = compressAlways || !compressMediaTypes.isEmpty()
                    ? new StoredCompression(compressAlways, Set.copyOf(compressMediaTypes), compressionLevel)
                    : StoredCompression.NONE;
        }
        return built;
    }

    @Override
    public void handle(ResteasyReactiveRequestContext request) throws Exception {
        CacheExchange exchange = CacheExchange.of(request);
        if (exchange == null) {
            return;
        }
        if (exchange.outcome.answeredFromCache()) {
            prepareHit(request, exchange, this);
            return;
        }
        Response response = request.getResponse().get();
        if (exchange.staleFallback != null && response.getStatus() >= 500) {
            serveStaleIfError(request, exchange);
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
            storeMiss(request, exchange, response);
        } else {
            exchange.statusHeaders(headers::putSingle, false, 0);
        }
    }

    /**
     * A miss under a claim: its body captured, what becomes of it decided, that carried out (the entry stored under
     * the claim, its headers sent), and the body passed on as a hit's. A body over {@code max-body-size} that the
     * writer can write again is not captured: it is written as usual.
     */
    private void storeMiss(ResteasyReactiveRequestContext request, CacheExchange exchange, Response response)
            throws IOException {
        CacheServices services = exchange.services;
        MultivaluedMap<String, Object> headers = response.getHeaders();
        BodyCapture capture = new BodyCapture(request, response);
        byte[] body = capture.serialize(services.maxBodySize);
        if (body == null) {
            exchange.statusHeaders(headers::putSingle, false, 0);
            return;
        }
        StoreDecision decision = services.storeDecisions.decide(exchange, exchange.claim,
                new StoreDecisions.Computed(response.getStatus(), capture.headerLines(), body, response.getEntity()),
                compression(), varied -> services.keys.key(exchange.policy, request, exchange.principal, varied));
        exchange.key = decision.key();
        exchange.varied = decision.varied();
        CachedResponse stored = decision.entry();
        if (stored != null) {
            if (decision.edgeTags() != null) {
                headers.putSingle(decision.edgeTags().getKey(), decision.edgeTags().getValue());
            }
            services.claims.store(exchange.computation, exchange.claim, exchange.key, stored);
            headers.putSingle("ETag", stored.etag());
            long secondsLeft = stored.secondsLeft(stored.storedAtMillis());
            headers.putSingle("Cache-Control", exchange.policy.cacheControl(secondsLeft));
            services.edge.cacheControl(exchange.policy.isPrivate(), headers::putSingle);
        }
        exchange.statusHeaders(headers::putSingle, stored != null, 0);
        capture.passOn(body, stored == null ? null : stored.encoded());
    }

    /**
     * The endpoint answered a server error (returned, or thrown and mapped) while a stale entry may replace it: the
     * stale entry takes the error's place, as a hit.
     */
    static void serveStaleIfError(ResteasyReactiveRequestContext request, CacheExchange exchange) {
        exchange.replay(exchange.staleFallback, CacheOutcome.STALE, CacheDetail.STALE_IF_ERROR);
        request.setResponse(new LazyResponse.Existing(exchange.storedResponse()));
        prepareHit(request, exchange, null);
    }

    /**
     * Gives the request's response, the stored one, this request's caching headers, and the writer that writes its
     * body after the response filters.
     *
     * @param endpoint the handler of the hit's endpoint, which keeps its last {@code Cache-Control}; null to build it
     */
    private static void prepareHit(ResteasyReactiveRequestContext request, CacheExchange exchange,
            ResponseCacheStoreHandler endpoint) {
        CachedResponse stored = exchange.replay;
        if (!request.getResponse().isPredetermined()) {
            // the method's response customizers (@ResponseHeader...) ran on the result: a hit replays what was stored
            request.setResponse(new LazyResponse.Existing(exchange.storedResponse()));
        }
        Response response = request.getResponse().get();
        MultivaluedMap<String, Object> headers = response.getHeaders();
        replayStatusAndHeaders(request, stored, (ResponseImpl) response);
        long now = exchange.services.clock.currentTimeMillis();
        long ttl = stored.ttlSeconds(now);
        headers.putSingle("ETag", stored.etag());
        long secondsLeft = Math.max(0, ttl);
        headers.putSingle("Cache-Control", endpoint != null ? endpoint.cacheControl(exchange.policy, secondsLeft)
                : exchange.policy.cacheControl(secondsLeft));
        BiConsumer<String, String> put = headers::putSingle;
        exchange.services.edge.cacheControl(exchange.policy.isPrivate(), put);
        headers.putSingle("Age", DecimalText.of(stored.ageSeconds(now, exchange.policy.expire().toMillis())));
        CachedBody body = response.getEntity() instanceof CachedBody entity ? entity : null;
        StoredEncoding.vary(body, headers);
        if ("HEAD".equals(request.getMethod())) {
            // no body is written, so no writer chooses its form: the headers a GET would get, chosen now
            int length = body == null ? stored.bodyLength() : StoredEncoding.choose(request, body, headers);
            headers.putSingle("Content-Length", Integer.toString(length));
        }
        exchange.statusHeaders(put, false, ttl);
        request.setEntityWriter(CachedBodyWriter.OF_HIT);
    }

    private String cacheControl(EndpointPolicy policy, long secondsLeft) {
        CacheControlValue last = lastCacheControl;
        if (last == null || last.secondsLeft != secondsLeft || last.policy != policy) {
            lastCacheControl = last = new CacheControlValue(policy, secondsLeft, policy.cacheControl(secondsLeft));
        }
        return last.value;
    }

    private record CacheControlValue(EndpointPolicy policy, long secondsLeft, String value) {
    }

    /** Gives a hit's response the stored status and headers; each stored header replaces what the response had. */
    private static void replayStatusAndHeaders(ResteasyReactiveRequestContext request, CachedResponse stored,
            ResponseImpl response) {
        response.setStatus(stored.status());
        if (response.getEntity() != null) {
            request.setGenericReturnType(CachedBody.class);
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        List<Map.Entry<String, String>> replayed = stored.headers();
        for (int i = 0; i < replayed.size(); i++) {
            String name = replayed.get(i).getKey();
            if (firstOf(replayed, i, name)) {
                headers.putSingle(name, replayed.get(i).getValue());
            } else {
                headers.add(name, replayed.get(i).getValue());
            }
        }
    }

    private static boolean firstOf(List<Map.Entry<String, String>> headers, int index, String name) {
        for (int i = 0; i < index; i++) {
            if (headers.get(i).getKey().equalsIgnoreCase(name)) {
                return false;
            }
        }
        return true;
    }
}
