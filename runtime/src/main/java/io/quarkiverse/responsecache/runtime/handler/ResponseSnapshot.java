package io.quarkiverse.responsecache.runtime.handler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.ext.WriterInterceptor;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.serialization.EntityWriter;

import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.entry.StoredCompression;
import io.quarkiverse.responsecache.runtime.http.HttpCacheHeaders;

/**
 * What a miss stores: the resource method's response, taken before the response filters run. Its entity is
 * serialized here by the writer the request would have used, without the writer interceptors, which run later on
 * every request; its headers are the ones the method (and Quarkus REST for it) set, never those that route handlers
 * (CORS, {@code quarkus.http.header}) or response filters add per request. The entity becomes that
 * {@link CachedBody}, so the rest of the miss is a hit's.
 * <p>
 * A body larger than {@code max-body-size} is not stored: the writer is stopped and the response is written as
 * usual, except for a one-shot entity (a stream), which is buffered whole and sent.
 */
final class ResponseSnapshot {

    private ResponseSnapshot() {
    }

    /** @param compression whether the body is also kept compressed, built once here for every hit */
    static void storeAndReplace(ResteasyReactiveRequestContext request, CacheExchange exchange, Response response,
            StoredCompression compression) throws IOException {
        Object entity = response.getEntity();
        EntityWriter writer = request.getEntityWriter();
        byte[] body = entity == null ? new byte[0] : serialize(request, writer, entity, exchange.services.maxBodySize);
        MultivaluedMap<String, Object> headers = response.getHeaders();
        if (body == null) {
            exchange.statusHeaders(headers::putSingle, false, 0);
            return;
        }
        int status = response.getStatus();
        if (entity != null && headers.getFirst("Content-Type") == null && request.getResponseContentType() != null) {
            headers.putSingle("Content-Type", request.getResponseContentType().toString());
        }
        List<Map.Entry<String, String>> sent = headerLines(response);
        boolean storable = body.length <= exchange.services.maxBodySize && isStorable(exchange, status, sent)
                && keyCoversVary(request, exchange, sent);
        // the response's own say on its lifetime, the application's policies and the jitter; null: not stored
        Duration lifetime = storable ? exchange.services.lifetimes.of(exchange.policy, status, sent, entity) : null;
        storable = lifetime != null;
        CachedResponse stored = null;
        if (storable) {
            String etag = valueOf(sent, "ETag");
            if (!HttpCacheHeaders.isEntityTag(etag)) {
                // the endpoint's own ETag when it set a valid one
                etag = HttpCacheHeaders.strongETag(body);
            }
            EndpointPolicy policy = exchange.policy;
            long now = exchange.services.clock.currentTimeMillis();
            List<Map.Entry<String, String>> replayed = replayable(exchange, status, sent);
            Map.Entry<String, String> edgeTags = edgeTags(request, exchange);
            if (edgeTags != null) {
                // stored with the entry: a hit sends the keys its computation learned
                replayed.removeIf(header -> header.getKey().equalsIgnoreCase(edgeTags.getKey()));
                replayed.add(edgeTags);
                headers.putSingle(edgeTags.getKey(), edgeTags.getValue());
            }
            stored = new CachedResponse(status, now + lifetime.toMillis(), now, etag, replayed, body)
                    .withEncoded(compression.gzip(valueOf(sent, "Content-Type"), valueOf(sent, "Content-Encoding"),
                            body));
            exchange.services.claims.store(exchange.computation, exchange.claim, exchange.key, stored);
            headers.putSingle("ETag", etag);
            headers.putSingle("Cache-Control", policy.cacheControl(stored.secondsLeft(now)));
            exchange.services.edge.cacheControl(policy.isPrivate(), headers::putSingle);
        }
        exchange.statusHeaders(headers::putSingle, storable, 0);
        if (entity != null) {
            CachedBody cachedBody = new CachedBody(body, 0, body.length, stored == null ? null : stored.encoded());
            Response result = Response.fromResponse(response).entity(cachedBody).build();
            StoredEncoding.vary(cachedBody, result.getHeaders());
            request.setResult(result);
            request.setEntityWriter(new CachedBodyWriter(writer));
        }
    }

    /**
     * @return the entity as the request's writer serializes it (without writer interceptors), or null when it is
     *         larger than {@code limit} and the writer can write it again
     */
    private static byte[] serialize(ResteasyReactiveRequestContext request, EntityWriter writer, Object entity,
            long limit) throws IOException {
        boolean oneShot = entity instanceof InputStream || entity instanceof StreamingOutput;
        Bounded buffer = new Bounded(oneShot ? Long.MAX_VALUE : limit);
        WriterInterceptor[] interceptors = request.getWriterInterceptors();
        request.setWriterInterceptors(null);
        request.setOutputStream(buffer);
        try {
            (writer != null ? writer : request.getDeployment().getDynamicEntityWriter()).write(request, entity);
        } catch (RuntimeException e) {
            // writers wrap what their stream throws
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof TooLarge) {
                    return null;
                }
            }
            throw e;
        } finally {
            request.setWriterInterceptors(interceptors);
            request.setOutputStream(null);
            // the writer set it to write the headers when its stream commits; the body is written later, by us
            request.serverResponse().setPreCommitListener(null);
        }
        return buffer.toByteArray();
    }

    /** @return the response's headers as they will be sent, one line per value */
    private static List<Map.Entry<String, String>> headerLines(Response response) {
        List<Map.Entry<String, String>> lines = new ArrayList<>(4);
        for (Map.Entry<String, List<String>> header : response.getStringHeaders().entrySet()) {
            for (String value : header.getValue()) {
                if (value != null) {
                    lines.add(Map.entry(header.getKey(), value));
                }
            }
        }
        return lines;
    }

    private static String valueOf(List<Map.Entry<String, String>> headers, String name) {
        List<String> values = HttpCacheHeaders.values(headers, name);
        return values.isEmpty() ? null : values.get(0);
    }

    /**
     * Makes the entry's key hold every request header the response's own {@code Vary} names (RFC 9111 section 4.1),
     * learning them for the endpoint's later keys.
     *
     * @return false when the response must not be stored ({@code Vary: *})
     */
    private static boolean keyCoversVary(ResteasyReactiveRequestContext request, CacheExchange exchange,
            List<Map.Entry<String, String>> headers) {
        List<String> vary = HttpCacheHeaders.values(headers, "Vary");
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

    private static boolean isStorable(CacheExchange exchange, int status, List<Map.Entry<String, String>> headers) {
        if (exchange.services.claims.retention(exchange.claim).toMillis() <= 0) {
            return false;
        }
        if (!exchange.services.rules.cacheableStatus(status, exchange.policy.lifetimes())
                || valueOf(headers, "Set-Cookie") != null) {
            return false;
        }
        String cacheControl = valueOf(headers, "Cache-Control");
        return !HttpCacheHeaders.hasDirective(cacheControl, "no-store")
                && !HttpCacheHeaders.hasDirective(cacheControl, "private");
    }

    /** @return the header that lists the response's keys for the layers in front, or null when none is configured */
    private static Map.Entry<String, String> edgeTags(ResteasyReactiveRequestContext request, CacheExchange exchange) {
        if (!exchange.services.edge.tagsResponses()) {
            return null;
        }
        EndpointPolicy policy = exchange.policy;
        return exchange.services.edge.tagLine(exchange.key, policy.endpoint().namespace(), policy.renderTags(request),
                exchange.claim.reads() == null ? List.of() : exchange.claim.reads().tags(), request.getPath());
    }

    private static List<Map.Entry<String, String>> replayable(CacheExchange exchange, int status,
            List<Map.Entry<String, String>> headers) {
        List<Map.Entry<String, String>> kept = new ArrayList<>(headers.size());
        for (Map.Entry<String, String> header : headers) {
            if (exchange.services.rules.keepsHeader(status, header.getKey(), header.getValue())) {
                kept.add(header);
            }
        }
        return kept;
    }

    /** Stops a writer once the body outgrows what may be stored. */
    private static final class Bounded extends ByteArrayOutputStream {
        private final long limit;

        Bounded(long limit) {
            super(256);
            this.limit = limit;
        }

        @Override
        public void write(int b) {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            if (count + (long) length > limit) {
                throw new TooLarge();
            }
            super.write(bytes, offset, length);
        }
    }

    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }
}
