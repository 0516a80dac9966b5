package io.quarkiverse.responsecache.runtime.handler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.ext.WriterInterceptor;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.serialization.EntityWriter;

import io.quarkiverse.responsecache.runtime.entry.EncodedBody;

/**
 * A miss's response, taken before the response filters run: its entity serialized by the writer the request would
 * have used, without the writer interceptors (they run later, on every request), into a bounded buffer; then passed on
 * as a {@link CachedBody}, so the rest of the miss is a hit's. Its headers are the ones the method (and Quarkus REST
 * for it) set, never those that route handlers (CORS, {@code quarkus.http.header}) or response filters add per
 * request. It decides nothing: what is stored is {@code StoreDecisions}'.
 */
final class BodyCapture {

    private final ResteasyReactiveRequestContext request;
    private final Response response;
    private final Object entity;
    /** The writer the request chose (null: the dynamic one), which writes the body after the response filters. */
    private final EntityWriter writer;

    BodyCapture(ResteasyReactiveRequestContext request, Response response) {
        this.request = request;
        this.response = response;
        this.entity = response.getEntity();
        this.writer = request.getEntityWriter();
    }

    /**
     * Serializes the entity, stopping the writer once it outgrows {@code limit}; a one-shot entity (a stream) is
     * buffered whole, as it cannot be written again.
     *
     * @return the body (empty without an entity), or null when it is larger than {@code limit} and the writer can
     *         write it again as usual
     */
    byte[] serialize(long limit) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
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
            // the writer set it to write the headers when its stream commits; the body is written later, as a hit's
            request.serverResponse().setPreCommitListener(null);
        }
        if (response.getHeaders().getFirst("Content-Type") == null && request.getResponseContentType() != null) {
            // the writer would have sent it with the body
            response.getHeaders().putSingle("Content-Type", request.getResponseContentType().toString());
        }
        return buffer.toByteArray();
    }

    /** @return the response's headers as they will be sent, one line per value */
    List<Map.Entry<String, String>> headerLines() {
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

    /**
     * Makes the captured body the response's entity, written after the response filters by the request's writer.
     *
     * @param encoded the body's stored compressed form, or null
     */
    void passOn(byte[] body, EncodedBody encoded) {
        if (entity == null) {
            return;
        }
        CachedBody cachedBody = new CachedBody(body, 0, body.length, encoded);
        Response result = Response.fromResponse(response).entity(cachedBody).build();
        StoredEncoding.vary(cachedBody, result.getHeaders());
        request.setResult(result);
        request.setEntityWriter(new CachedBodyWriter(writer));
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
