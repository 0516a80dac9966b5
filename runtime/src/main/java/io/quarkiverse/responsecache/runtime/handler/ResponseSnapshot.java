package io.quarkiverse.responsecache.runtime.handler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.ext.WriterInterceptor;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.serialization.EntityWriter;

import io.quarkiverse.responsecache.runtime.coordination.Computation;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.http.HttpCacheHeaders;
import io.quarkiverse.responsecache.runtime.store.EntryMarks;
import io.smallrye.mutiny.Uni;

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

    static void storeAndReplace(ResteasyReactiveRequestContext request, CacheExchange exchange, Response response)
            throws IOException {
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
        if (storable) {
            String etag = valueOf(sent, "ETag");
            if (!HttpCacheHeaders.isEntityTag(etag)) {
                // the endpoint's own ETag when it set a valid one
                etag = HttpCacheHeaders.strongETag(body);
            }
            EndpointPolicy policy = exchange.policy;
            long expiresAt = exchange.services.clock.currentTimeMillis() + policy.expire().toMillis();
            store(request, exchange, new CachedResponse(status, expiresAt, etag, replayable(exchange, status, sent), body));
            headers.putSingle("ETag", etag);
            headers.putSingle("Cache-Control", policy.cacheControl(policy.expire().toSeconds()));
        }
        exchange.statusHeaders(headers::putSingle, storable, 0);
        if (entity != null) {
            request.setResult(Response.fromResponse(response).entity(new CachedBody(body, 0, body.length)).build());
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
     * Hands the response to the requests waiting for it and writes the entry under this request's claim, indexed by
     * its namespace and tags, without delaying this response. (While the store refuses writes, its writes' breaker
     * open, no claim was taken, so nothing gets here: the waiting requests compute for themselves.)
     */
    private static void store(ResteasyReactiveRequestContext request, CacheExchange exchange, CachedResponse response) {
        exchange.storing = true;
        CacheServices services = exchange.services;
        EndpointPolicy policy = exchange.policy;
        List<String> entityTags = exchange.reads == null ? List.of() : exchange.reads.tags();
        Uni<Boolean> write;
        if (!exchange.key.equals(exchange.claimedKey)) {
            write = storeUnderLearnedKey(request, exchange, response, entityTags);
        } else if (entityTags.isEmpty()) {
            write = services.store.putIfClaimed(exchange.key, exchange.claim, response, retention(exchange),
                    exchange.memberships);
        } else {
            write = storeWithEntityTags(exchange, response, entityTags);
        }
        if (services.events.observed()) {
            String endpoint = policy.endpoint().name();
            int bytes = response.bodyLength();
            String path = request.getPath();
            write = write.invoke(stored -> {
                if (stored) {
                    services.events.stored(endpoint, bytes);
                    if (!entityTags.isEmpty()) {
                        services.events.taggedByEntities(endpoint, path, entityTags);
                    }
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

    /**
     * @return how long the entry stays in the store: its retention, less the time the computation took beyond
     *         {@link EntryMarks#MEMBERSHIP_GRACE}, so the entry never outlives the index memberships its claim wrote
     */
    private static Duration retention(CacheExchange exchange) {
        Duration retention = exchange.policy.retention();
        long overrun = System.nanoTime() - exchange.claimedAtNanos - EntryMarks.MEMBERSHIP_GRACE.toNanos();
        return overrun > 0 ? retention.minusNanos(overrun) : retention;
    }

    /**
     * The entity tags were learned while the endpoint ran, after the claim: they join their indexes under the claim
     * first, then the entry is stored only if no eviction of theirs began since the computation did (see
     * {@code EntityEvictions}); otherwise the claim is released and the next request computes again.
     */
    private static Uni<Boolean> storeWithEntityTags(CacheExchange exchange, CachedResponse response,
            List<String> entityTags) {
        CacheServices services = exchange.services;
        String key = exchange.key;
        Duration retention = retention(exchange);
        Map<String, String> tagged = new HashMap<>(entityTags.size());
        for (String tag : entityTags) {
            tagged.put(services.indexes.tagIndex(tag), key);
        }
        Map<String, String> memberships = new HashMap<>(exchange.memberships);
        memberships.putAll(tagged);
        // claiming again a key that holds this request's placeholder only adds the memberships, in one round trip
        return services.store.claim(key, retention, tagged)
                .chain(() -> services.entityEvictions.untouchedSince(exchange.reads.generation(), entityTags))
                .chain(untouched -> untouched
                        ? services.store.putIfClaimed(key, exchange.claim, response, retention, memberships)
                        : services.store.release(key, exchange.claim).replaceWith(false));
    }

    /**
     * The response taught the endpoint a header its own {@code Vary} names, so its key changed after the claim. The new
     * key is claimed first (from then on an eviction reaches it), then the old claim is checked (an eviction since the
     * computation began changed it), and only then the entry is stored under the new key's claim. One round trip more,
     * once per header learned.
     */
    private static Uni<Boolean> storeUnderLearnedKey(ResteasyReactiveRequestContext request, CacheExchange exchange,
            CachedResponse response, List<String> entityTags) {
        CacheServices services = exchange.services;
        EndpointPolicy policy = exchange.policy;
        String key = exchange.key;
        Map<String, String> memberships = new HashMap<>(services.indexes.memberships(key,
                policy.endpoint().namespace(), policy.renderTags(request), request.getPath(), policy.endpoint().name()));
        // bounded by max-rows, not by max-tags: dropping one would leave the entry to a write that cannot find it
        for (String tag : entityTags) {
            memberships.put(services.indexes.tagIndex(tag), key);
        }
        Duration retention = retention(exchange);
        Uni<Boolean> untouched = entityTags.isEmpty() ? Uni.createFrom().item(true)
                : services.entityEvictions.untouchedSince(exchange.reads.generation(), entityTags);
        return services.store.claim(key, retention, memberships)
                .chain(claim -> services.store.claim(exchange.claimedKey, retention, exchange.memberships)
                        .chain(old -> old.equals(exchange.claim) ? untouched : Uni.createFrom().item(false))
                        .chain(storable -> storable
                                ? services.store.putIfClaimed(key, claim, response, retention, memberships)
                                : Uni.createFrom().item(false)))
                .call(() -> services.store.release(exchange.claimedKey, exchange.claim));
    }

    private static boolean isStorable(CacheExchange exchange, int status, List<Map.Entry<String, String>> headers) {
        if (retention(exchange).toMillis() <= 0) {
            return false;
        }
        if (!exchange.services.isCacheableStatus(status) || valueOf(headers, "Set-Cookie") != null) {
            return false;
        }
        String cacheControl = valueOf(headers, "Cache-Control");
        return !HttpCacheHeaders.hasDirective(cacheControl, "no-store")
                && !HttpCacheHeaders.hasDirective(cacheControl, "private");
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
