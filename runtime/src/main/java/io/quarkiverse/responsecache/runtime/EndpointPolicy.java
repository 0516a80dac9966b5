package io.quarkiverse.responsecache.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

/**
 * An endpoint's caching rules as they apply at runtime: its annotation's settings completed by the configuration.
 * Resolved once per endpoint, on its first request.
 *
 * @param endpoint the build-time settings
 * @param enabled whether the endpoint is cached at all
 * @param expire how long an entry is fresh
 * @param staleWhileRevalidate how long after that a stale entry is served while one request refreshes it
 * @param staleIfError how long after that a stale entry replaces an error of the endpoint
 * @param varyHeaders the request headers that take part in the key, lower case
 * @param queryParameters the query parameters that take part in the key, or null for all
 * @param vary the {@code Vary} header responses carry, or null
 * @param tags the tags of its entries
 */
record EndpointPolicy(CachedEndpoint endpoint, boolean enabled, Duration expire, Duration staleWhileRevalidate,
        Duration staleIfError, List<String> varyHeaders, Set<String> queryParameters, String vary,
        List<TagTemplate> tags) {

    /** Settings from {@code quarkus.response-cache.endpoint."<name>".*} win over the annotation's. */
    static EndpointPolicy of(CachedEndpoint endpoint, ResponseCacheConfig config) {
        ResponseCacheConfig.EndpointConfig overrides = config.endpoint().get(endpoint.getName());
        Duration expire = endpoint.getExpireSeconds() > 0 ? Duration.ofSeconds(endpoint.getExpireSeconds())
                : config.defaultExpire();
        Duration swr = endpoint.getStaleWhileRevalidateSeconds() >= 0
                ? Duration.ofSeconds(endpoint.getStaleWhileRevalidateSeconds())
                : config.staleWhileRevalidate();
        Duration sie = endpoint.getStaleIfErrorSeconds() >= 0 ? Duration.ofSeconds(endpoint.getStaleIfErrorSeconds())
                : config.staleIfError();
        boolean enabled = true;
        if (overrides != null) {
            enabled = overrides.enabled().orElse(true);
            expire = overrides.expire().orElse(expire);
            swr = overrides.staleWhileRevalidate().orElse(swr);
            sie = overrides.staleIfError().orElse(sie);
        }
        List<String> varyHeaders = endpoint.getVaryHeaders().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        Set<String> queryParameters = endpoint.getQueryParameters().isEmpty() ? null
                : Set.copyOf(endpoint.getQueryParameters());
        StringBuilder vary = new StringBuilder();
        if (endpoint.isNegotiatesMediaType()) {
            vary.append("Accept");
        }
        for (String header : endpoint.getVaryHeaders()) {
            if (!header.equalsIgnoreCase("Accept") || !endpoint.isNegotiatesMediaType()) {
                vary.append(vary.isEmpty() ? "" : ", ").append(header);
            }
        }
        return new EndpointPolicy(endpoint, enabled, expire, swr, sie, varyHeaders, queryParameters,
                vary.isEmpty() ? null : vary.toString(), TagTemplate.parseAll(endpoint.getTags()));
    }

    /** @return how long an entry is kept in the store: its freshness plus the longest stale window */
    Duration retention() {
        Duration grace = staleWhileRevalidate.compareTo(staleIfError) >= 0 ? staleWhileRevalidate : staleIfError;
        return expire.plus(grace);
    }

    /** @return this request's tags, path parameters filled in */
    List<String> renderTags(ResteasyReactiveRequestContext request) {
        return TagTemplate.renderAll(tags, request);
    }

    boolean keyByPrincipal() {
        return endpoint.isKeyByPrincipal();
    }

    /** @return the {@code Cache-Control} of a response with {@code secondsLeft} of freshness */
    String cacheControl(long secondsLeft) {
        StringBuilder value = new StringBuilder(48);
        if (keyByPrincipal()) {
            value.append("private, ");
        }
        value.append("max-age=").append(secondsLeft);
        if (!staleWhileRevalidate.isZero()) {
            value.append(", stale-while-revalidate=").append(staleWhileRevalidate.toSeconds());
        }
        if (!staleIfError.isZero()) {
            value.append(", stale-if-error=").append(staleIfError.toSeconds());
        }
        return value.toString();
    }
}
