package io.quarkiverse.responsecache.runtime.handler;

import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.core.MultivaluedMap;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

import io.quarkiverse.responsecache.runtime.entry.EncodedBody;
import io.quarkiverse.responsecache.runtime.http.AcceptEncoding;

/**
 * Picks which form of a stored body a request gets, when the entry kept a compressed one: the gzip form, sent as it
 * is, to a client that prefers it; the identity body otherwise, which the server is told not to compress either.
 * Either way the response says {@code Vary: Accept-Encoding}, and each form has its own entity tag, so conditional
 * requests and other caches tell them apart (RFC 9110 section 8.8.3). The choice is made when the body is written,
 * after the response filters, which see the identity body and its tag; an entity a filter replaced is written as
 * any response is.
 */
final class StoredEncoding {

    /** What Quarkus and Vert.x read as "do not compress this response"; Vert.x removes it before sending. */
    private static final String IDENTITY = "identity";

    private StoredEncoding() {
    }

    /** Before the response filters: a response of an entry that has a compressed form varies on the request's codings. */
    static void vary(CachedBody body, MultivaluedMap<String, Object> headers) {
        if (body == null || body.encoded() == null) {
            return;
        }
        List<Object> vary = headers.get("Vary");
        if (vary == null || vary.isEmpty()) {
            headers.putSingle("Vary", "Accept-Encoding");
            return;
        }
        StringBuilder combined = new StringBuilder();
        for (Object value : vary) {
            String line = String.valueOf(value);
            if (line.trim().equals("*") || line.toLowerCase(Locale.ROOT).contains("accept-encoding")) {
                return;
            }
            combined.append(line).append(", ");
        }
        headers.putSingle("Vary", combined.append("Accept-Encoding").toString());
    }

    /**
     * When the body is written: the form this request gets, its {@code Content-Encoding} and its tag.
     *
     * @return the length of the form that will be sent
     */
    static int choose(ResteasyReactiveRequestContext request, CachedBody body, MultivaluedMap<String, Object> headers) {
        EncodedBody encoded = body.encoded();
        if (encoded == null || headers.containsKey("Content-Encoding")) {
            return body.length();
        }
        if (request.getWriterInterceptors() != null) {
            // writer interceptors rewrite the body they are given: they get the identity body, as without the cache
            return body.length();
        }
        if (!AcceptEncoding.prefersGzip(request.serverRequest().getRequestHeader("Accept-Encoding"))) {
            if (!"HEAD".equals(request.getMethod())) {
                // a HEAD response is never compressed, and Vert.x would send the marker as it is
                headers.putSingle("Content-Encoding", IDENTITY);
            }
            return body.length();
        }
        Object etag = headers.getFirst("ETag");
        if (etag != null) {
            headers.putSingle("ETag", encoded.etag(etag.toString()));
        }
        headers.putSingle("Content-Encoding", encoded.coding());
        body.send(encoded);
        return encoded.length();
    }
}
