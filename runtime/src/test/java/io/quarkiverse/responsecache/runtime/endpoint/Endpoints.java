package io.quarkiverse.responsecache.runtime.endpoint;

import java.util.List;
import java.util.Map;

/** Cached endpoints as the build records them, with the annotation's defaults unless a test says otherwise. */
final class Endpoints {

    private Endpoints() {
    }

    /** {@code @ResponseCache} with nothing set, on {@code Products#list}. */
    static CachedEndpoint plain() {
        return endpoint("Products.list").build();
    }

    static Builder endpoint(String name) {
        return new Builder(name);
    }

    static final class Builder {
        private final String name;
        private String namespace = "";
        private List<String> tags = List.of();
        private long expireSeconds = 0;
        private List<String> varyHeaders = List.of();
        private List<String> queryParameters = List.of();
        private boolean negotiatesMediaType;
        private boolean keyByPrincipal;
        private long staleWhileRevalidateSeconds = -1;
        private long staleIfErrorSeconds = -1;
        private Map<Integer, Long> expireByStatus = Map.of();
        private boolean expireFromResponse;

        Builder(String name) {
            this.name = name;
        }

        Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        Builder tags(String... tags) {
            this.tags = List.of(tags);
            return this;
        }

        Builder expire(long seconds) {
            this.expireSeconds = seconds;
            return this;
        }

        Builder varyHeaders(String... headers) {
            this.varyHeaders = List.of(headers);
            return this;
        }

        Builder queryParameters(String... parameters) {
            this.queryParameters = List.of(parameters);
            return this;
        }

        Builder negotiatesMediaType() {
            this.negotiatesMediaType = true;
            return this;
        }

        Builder keyByPrincipal() {
            this.keyByPrincipal = true;
            return this;
        }

        Builder staleWhileRevalidate(long seconds) {
            this.staleWhileRevalidateSeconds = seconds;
            return this;
        }

        Builder staleIfError(long seconds) {
            this.staleIfErrorSeconds = seconds;
            return this;
        }

        Builder expireByStatus(int status, long seconds) {
            Map<Integer, Long> byStatus = new java.util.HashMap<>(expireByStatus);
            byStatus.put(status, seconds);
            this.expireByStatus = byStatus;
            return this;
        }

        Builder expireFromResponse() {
            this.expireFromResponse = true;
            return this;
        }

        CachedEndpoint build() {
            return new CachedEndpoint("org.acme." + name.replace('.', '#'), name, namespace, tags, expireSeconds,
                    varyHeaders, queryParameters, negotiatesMediaType, keyByPrincipal, staleWhileRevalidateSeconds,
                    staleIfErrorSeconds, KeyRecipe.named(queryParameters, varyHeaders), false, expireByStatus,
                    expireFromResponse);
        }
    }
}
