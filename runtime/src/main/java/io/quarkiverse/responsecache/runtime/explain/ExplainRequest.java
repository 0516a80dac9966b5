package io.quarkiverse.responsecache.runtime.explain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jboss.resteasy.reactive.common.util.ServerMediaType;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoint;
import io.quarkiverse.responsecache.runtime.key.RequestInputs;
import io.vertx.core.http.impl.HttpUtils;

/**
 * A request an operator describes to the explain endpoint: a URL (a path and query, or an absolute URL) and header
 * lines. Read as the server would read it: the path normalised as Vert.x does, query parameters decoded as Quarkus
 * REST decodes them, cookies from the {@code Cookie} header.
 *
 * @param scheme {@code http} unless the URL says otherwise
 * @param host the URL's host, else the {@code Host} header's, else empty
 * @param path the normalised path, matrix parameters included
 * @param query the raw query string, or null
 * @param headers the header values by lower-case name
 * @param produces what the endpoint it is routed to declares it produces; empty before it is routed
 */
public record ExplainRequest(String scheme, String host, String path, String query,
        Map<String, List<String>> headers, List<String> produces) {

    /** Reads an explain request with the accessors the key uses for a live one. */
    public static final RequestInputs<ExplainRequest> INPUTS = new Inputs();

    /**
     * @param url a path with its query ({@code /products/42?lang=en}) or an absolute URL
     * @param headerLines {@code Name: value} each
     * @throws IllegalArgumentException naming what is malformed
     */
    public static ExplainRequest parse(String url, List<String> headerLines) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("name the URL to explain: url=/path?query");
        }
        Map<String, List<String>> headers = new TreeMap<>();
        for (String line : headerLines) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("a header is 'Name: value', not '" + line + "'");
            }
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the URL is malformed: " + e.getMessage());
        }
        if (uri.getRawPath() == null || !uri.getRawPath().startsWith("/")) {
            throw new IllegalArgumentException("the URL's path must start with '/': " + url);
        }
        String host = uri.getRawAuthority() != null ? uri.getRawAuthority() : first(headers.get("host"));
        return new ExplainRequest(uri.getScheme() != null ? uri.getScheme() : "http", host == null ? "" : host,
                HttpUtils.normalizePath(uri.getRawPath()), uri.getRawQuery(), headers, List.of());
    }

    /** @return this request, routed to an endpoint that declares it produces {@code produces} */
    public ExplainRequest producing(List<String> produces) {
        return new ExplainRequest(scheme, host, path, query, headers, produces);
    }

    /** @return the first value of a header, or null */
    public String header(String name) {
        return first(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** @return the path without matrix parameters ({@code ;color=red}), as Quarkus REST matches it */
    public String pathWithoutMatrixParameters() {
        return path.indexOf(';') < 0 ? path : path.replaceAll(";[^/]*", "");
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static final class Inputs implements RequestInputs<ExplainRequest> {

        @Override
        public String path(ExplainRequest request, boolean withMatrixParameters) {
            return withMatrixParameters ? request.path : request.pathWithoutMatrixParameters();
        }

        @Override
        public String scheme(ExplainRequest request) {
            return request.scheme;
        }

        @Override
        public String host(ExplainRequest request) {
            return request.host;
        }

        @Override
        public String query(ExplainRequest request) {
            return request.query;
        }

        @Override
        public List<String> queryValues(ExplainRequest request, String name) {
            if (request.query == null) {
                return null;
            }
            return new QueryStringDecoder(request.query, false).parameters().get(name);
        }

        @Override
        public List<String> headerValues(ExplainRequest request, String name) {
            return request.headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String cookie(ExplainRequest request, String name) {
            List<String> lines = request.headers.get("cookie");
            if (lines == null) {
                return null;
            }
            for (String line : lines) {
                for (Cookie cookie : ServerCookieDecoder.LAX.decode(line)) {
                    if (cookie.name().equals(name)) {
                        return cookie.value().isEmpty() ? null : cookie.value();
                    }
                }
            }
            return null;
        }

        @Override
        public String negotiatedMediaType(ExplainRequest request, CachedEndpoint endpoint) {
            return negotiate(request.produces, request.header("Accept"));
        }
    }

    /**
     * @return the media type {@code produces} negotiates for {@code accept}, as Quarkus REST builds it for the
     *         endpoint; empty when none
     */
    static String negotiate(List<String> produces, String accept) {
        if (produces.isEmpty()) {
            return "";
        }
        // as Quarkus REST's RuntimeResourceDeployment builds an endpoint's produced types
        var negotiated = new ServerMediaType(ServerMediaType.mediaTypesFromArray(produces.toArray(String[]::new)),
                "UTF-8", false).negotiateProduces(accept).getKey();
        return negotiated == null ? "" : negotiated.toString();
    }
}
