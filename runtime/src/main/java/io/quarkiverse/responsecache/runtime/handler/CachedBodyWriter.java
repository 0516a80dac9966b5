package io.quarkiverse.responsecache.runtime.handler;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.MessageBodyWriter;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.ServerSerialisers;
import org.jboss.resteasy.reactive.server.core.serialization.EntityWriter;
import org.jboss.resteasy.reactive.server.spi.ServerHttpResponse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.quarkiverse.responsecache.runtime.entry.EncodedBody;
import io.quarkiverse.responsecache.runtime.http.HttpCacheHeaders;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Writes a cached endpoint's response once the response filters ran: its {@link CachedBody} as it is, or whatever
 * entity a filter put in its place through the writer the request would otherwise have used. It also answers
 * {@code If-None-Match} with a 304, checked against the {@code ETag} the response carries after the filters.
 */
final class CachedBodyWriter implements EntityWriter {

    /** Hands the body to writer interceptors, which wrap the stream it is written to. */
    private static final MessageBodyWriter<CachedBody> BODY = new MessageBodyWriter<>() {
        @Override
        public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return type == CachedBody.class;
        }

        @Override
        public void writeTo(CachedBody body, Class<?> type, Type genericType, Annotation[] annotations,
                MediaType mediaType, MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream)
                throws IOException {
            entityStream.write(body.source(), body.offset(), body.length());
        }
    };

    /** The writer of every hit: a filter that replaces a hit's entity had it written by the dynamic writer anyway. */
    static final CachedBodyWriter OF_HIT = new CachedBodyWriter(null);

    /** The writer the request had before the body replaced its entity; null for the dynamic one. */
    private final EntityWriter replaced;

    CachedBodyWriter(EntityWriter replaced) {
        this.replaced = replaced;
    }

    @Override
    public void write(ResteasyReactiveRequestContext request, Object entity) throws IOException {
        if (!(entity instanceof CachedBody body)) {
            // a response filter replaced the entity: written as the endpoint's own entity would be
            (replaced != null ? replaced : request.getDeployment().getDynamicEntityWriter()).write(request, entity);
            return;
        }
        Response built = request.getResponse().get();
        if (body.encoded() != null) {
            StoredEncoding.choose(request, body, built.getHeaders());
        }
        Object etag = built.getHeaders().getFirst("ETag");
        if (HttpCacheHeaders.notModified(built.getStatus(), request.serverRequest().getRequestHeader("If-None-Match"),
                etag == null ? null : etag.toString())) {
            ServerSerialisers.encodeResponseHeaders(request);
            ServerHttpResponse response = request.serverResponse();
            response.removeResponseHeader("Content-Type");
            response.setStatusCode(304);
            response.end();
            return;
        }
        if (request.getWriterInterceptors() != null) {
            // the headers are encoded when the interceptors' stream first writes
            ServerSerialisers.invokeWriter(request, body, BODY, request.getDeployment().getSerialisers());
            return;
        }
        ServerSerialisers.encodeResponseHeaders(request);
        end(request, body);
    }

    /**
     * Writes the body wrapped rather than copied: Netty copies it once into the direct buffer the socket writes from,
     * or not at all when a near-cache copy keeps it outside the heap already. (A pooled buffer must not be handed to a Vert.x
     * {@code Buffer}: Vert.x passes it on as unreleasable, and it
     * would never return to its pool.)
     */
    private static void end(ResteasyReactiveRequestContext request, CachedBody body) {
        EncodedBody encoded = body.sent();
        HttpServerRequest server = request.serverRequest().unwrap(HttpServerRequest.class);
        if (server == null) {
            request.serverResponse().end(encoded != null ? encoded.bytes() : body.toByteArray());
            return;
        }
        ByteBuf sent;
        if (encoded != null) {
            sent = range(encoded.source(), encoded.offset(), encoded.length());
        } else if (body.direct() != null) {
            // already outside the heap: the socket writes it as it is
            sent = Unpooled.wrappedBuffer(body.direct().duplicate());
        } else {
            sent = range(body.source(), body.offset(), body.length());
        }
        server.response().end(Buffer.buffer(sent));
    }

    /** @return the range as the readable bytes of one buffer over the whole array, rather than a slice of it */
    private static ByteBuf range(byte[] source, int offset, int length) {
        return Unpooled.wrappedBuffer(source).setIndex(offset, offset + length);
    }
}
