package io.quarkiverse.responsecache;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What identifies a cached response: the endpoint, its namespace, the request path, the query parameters, the
 * request headers the endpoint varies on, the negotiated media type, for private entries the principal and the cookies
 * the endpoint reads, and, for an endpoint that can read any part of the request, the scheme, the host and the whole
 * query string.
 * <p>
 * Only the endpoint is required, so user code can compute the key of an endpoint without a request:
 *
 * <pre>
 * keyBuilder.build(ResponseCacheKeyInput.forEndpoint(RandomResource.class, "random").build());
 * </pre>
 *
 * Query parameters are kept sorted by name, so their order in the URL does not change the key; the values of one
 * repeated parameter keep their order, because for a list it can matter.
 */
public final class ResponseCacheKeyInput {

    private final String endpoint;
    private final String namespace;
    private final String path;
    private final Map<String, List<String>> queryParameters;
    private final Map<String, String> varyHeaders;
    private final String mediaType;
    private final String principal;
    private final String scheme;
    private final String host;
    private final String queryString;
    private final Map<String, String> cookies;

    private ResponseCacheKeyInput(Builder builder) {
        this.endpoint = builder.endpoint;
        this.namespace = builder.namespace;
        this.path = builder.path;
        this.queryParameters = builder.queryParameters == null ? Map.of()
                : Collections.unmodifiableMap(builder.queryParameters);
        this.varyHeaders = builder.varyHeaders == null ? Map.of() : Collections.unmodifiableMap(builder.varyHeaders);
        this.mediaType = builder.mediaType;
        this.principal = builder.principal;
        this.scheme = builder.scheme;
        this.host = builder.host;
        this.queryString = builder.queryString;
        this.cookies = builder.cookies == null ? Map.of() : Collections.unmodifiableMap(builder.cookies);
    }

    /**
     * @param resourceClass the resource class
     * @param methodName the resource method's name
     * @return a builder for the endpoint {@code <class name>#<method name>}
     */
    public static Builder forEndpoint(Class<?> resourceClass, String methodName) {
        return forEndpoint(resourceClass.getName() + "#" + methodName);
    }

    /**
     * @param endpoint the endpoint's identity, {@code <class name>#<method name>}
     * @return a builder for that endpoint
     */
    public static Builder forEndpoint(String endpoint) {
        return new Builder(Objects.requireNonNull(endpoint, "endpoint"));
    }

    /** @return the endpoint's identity, {@code <class name>#<method name>} */
    public String endpoint() {
        return endpoint;
    }

    /** @return the namespace, empty when none was given */
    public String namespace() {
        return namespace;
    }

    /** @return the request path, empty when not known */
    public String path() {
        return path;
    }

    /** @return the query parameters sorted by name; empty when not known */
    public Map<String, List<String>> queryParameters() {
        return queryParameters;
    }

    /** @return the request headers the response varies on, by lower-case name, sorted; empty when none */
    public Map<String, String> varyHeaders() {
        return varyHeaders;
    }

    /** @return the negotiated response media type when the endpoint produces several, else empty */
    public String mediaType() {
        return mediaType;
    }

    /**
     * @return who the entry belongs to, for endpoints that key authenticated requests by principal; empty for a
     *         shared entry
     */
    public String principal() {
        return principal;
    }

    /**
     * @return the request's scheme, as the endpoint sees it after proxy forwarding, when the endpoint can read it;
     *         else empty
     */
    public String scheme() {
        return scheme;
    }

    /**
     * @return the request's host (and port), as the endpoint sees it after proxy forwarding, when the endpoint can
     *         read it; else empty
     */
    public String host() {
        return host;
    }

    /**
     * @return the whole query string as sent, in its order, when the endpoint can read any query parameter; else
     *         empty (the endpoint's own parameters are in {@link #queryParameters()})
     */
    public String queryString() {
        return queryString;
    }

    /** @return the cookies the endpoint reads, by name, sorted; empty when none */
    public Map<String, String> cookies() {
        return cookies;
    }

    /** Two inputs are equal when every part is: then every key builder that reads only the input gives them one key. */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        return other instanceof ResponseCacheKeyInput that && endpoint.equals(that.endpoint)
                && namespace.equals(that.namespace) && path.equals(that.path)
                && queryParameters.equals(that.queryParameters) && varyHeaders.equals(that.varyHeaders)
                && mediaType.equals(that.mediaType) && principal.equals(that.principal) && scheme.equals(that.scheme)
                && host.equals(that.host) && queryString.equals(that.queryString) && cookies.equals(that.cookies);
    }

    @Override
    public int hashCode() {
        int hash = 31 * (31 * (31 * endpoint.hashCode() + namespace.hashCode()) + path.hashCode()) + principal.hashCode();
        hash = 31 * (31 * (31 * hash + queryParameters.hashCode()) + varyHeaders.hashCode()) + mediaType.hashCode();
        return 31 * (31 * (31 * (31 * hash + scheme.hashCode()) + host.hashCode()) + queryString.hashCode())
                + cookies.hashCode();
    }

    /** Builds a {@link ResponseCacheKeyInput}. */
    public static final class Builder {
        private final String endpoint;
        private String namespace = "";
        private String path = "";
        private TreeMap<String, List<String>> queryParameters;
        private TreeMap<String, String> varyHeaders;
        private String mediaType = "";
        private String principal = "";
        private String scheme = "";
        private String host = "";
        private String queryString = "";
        private TreeMap<String, String> cookies;

        private Builder(String endpoint) {
            this.endpoint = endpoint;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace == null ? "" : namespace;
            return this;
        }

        public Builder path(String path) {
            this.path = path == null ? "" : path;
            return this;
        }

        /** Adds one value of a query parameter; call again with the same name for a repeated parameter. */
        public Builder queryParameter(String name, String value) {
            if (queryParameters == null) {
                queryParameters = new TreeMap<>();
            }
            queryParameters.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value == null ? "" : value);
            return this;
        }

        /** Adds a request header the response varies on; a missing header is recorded as an empty value. */
        public Builder varyHeader(String name, String value) {
            if (varyHeaders == null) {
                varyHeaders = new TreeMap<>();
            }
            varyHeaders.put(name.toLowerCase(Locale.ROOT), value == null ? "" : value);
            return this;
        }

        public Builder mediaType(String mediaType) {
            this.mediaType = mediaType == null ? "" : mediaType;
            return this;
        }

        public Builder principal(String principal) {
            this.principal = principal == null ? "" : principal;
            return this;
        }

        public Builder scheme(String scheme) {
            this.scheme = scheme == null ? "" : scheme;
            return this;
        }

        public Builder host(String host) {
            this.host = host == null ? "" : host;
            return this;
        }

        public Builder queryString(String queryString) {
            this.queryString = queryString == null ? "" : queryString;
            return this;
        }

        /** Adds a cookie the endpoint reads; a missing cookie is recorded as an empty value. */
        public Builder cookie(String name, String value) {
            if (cookies == null) {
                cookies = new TreeMap<>();
            }
            cookies.put(name, value == null ? "" : value);
            return this;
        }

        public ResponseCacheKeyInput build() {
            return new ResponseCacheKeyInput(this);
        }
    }
}
