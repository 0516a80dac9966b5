package io.quarkiverse.responsecache.deployment;

import java.util.Set;

import org.jboss.jandex.DotName;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkiverse.responsecache.ResponseCacheInvalidate;

/** The names the build looks for, in one place. */
final class ResponseCacheDotNames {

    static final DotName RESPONSE_CACHE = DotName.createSimple(ResponseCache.class);
    static final DotName RESPONSE_CACHE_INVALIDATE = DotName.createSimple(ResponseCacheInvalidate.class);
    static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    static final DotName GET = DotName.createSimple("jakarta.ws.rs.GET");
    static final DotName PRODUCES = DotName.createSimple("jakarta.ws.rs.Produces");
    static final DotName COMPRESSED = DotName.createSimple("io.quarkus.vertx.http.Compressed");
    static final DotName UNCOMPRESSED = DotName.createSimple("io.quarkus.vertx.http.Uncompressed");
    static final DotName SSE_EVENT_SINK = DotName.createSimple("jakarta.ws.rs.sse.SseEventSink");

    /** Return types whose body is produced over time: there is no single response to store. */
    static final Set<DotName> STREAMING_RETURN_TYPES = Set.of(
            DotName.createSimple("io.smallrye.mutiny.Multi"),
            DotName.createSimple("org.jboss.resteasy.reactive.RestMulti"),
            DotName.createSimple("org.reactivestreams.Publisher"),
            DotName.createSimple("java.util.concurrent.Flow$Publisher"),
            DotName.createSimple("jakarta.ws.rs.core.StreamingOutput"),
            DotName.createSimple("io.vertx.core.file.AsyncFile"),
            DotName.createSimple("io.vertx.mutiny.core.file.AsyncFile"),
            DotName.createSimple("java.io.InputStream"));

    /** Media types that announce a stream of elements rather than one body. */
    static final Set<String> STREAMING_MEDIA_TYPES = Set.of("text/event-stream", "application/x-ndjson",
            "application/stream+json", "application/jsonl");

    private ResponseCacheDotNames() {
    }
}
