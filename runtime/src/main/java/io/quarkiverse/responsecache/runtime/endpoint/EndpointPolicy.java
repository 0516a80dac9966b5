package io.quarkiverse.responsecache.runtime.endpoint;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

import io.quarkiverse.responsecache.runtime.config.EndpointConfig;
import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;

/**
 * An endpoint's caching rules as they apply at runtime: its annotation's settings completed by the configuration.
 * Resolved once per endpoint, at startup, into {@link CachedEndpoints}.
 *
 * @param endpoint the build-time settings
 * @param enabled whether the endpoint is cached at all
 * @param expire how long an entry is fresh
 * @param staleWhileRevalidate how long after that a stale entry is served while one request refreshes it
 * @param staleIfError how long after that a stale entry replaces an error of the endpoint
 * @param varyHeaders the request headers that take part in the key, lower case
 * @param queryParameters the query parameters that take part in the key by name, or null for the whole query string
 * @param vary the {@code Vary} header responses carry, or null
 * @param tags the tags of its entries
 * @param lifetimes how long its responses may live, by status and by what they say
 */
public record EndpointPolicy(CachedEndpoint endpoint, boolean enabled, Duration expire, Duration staleWhileRevalidate,
        Duration staleIfError, List<String> varyHeaders, Set<String> queryParameters, String vary,
        List<TagTemplate> tags, EndpointLifetimes lifetimes) {

    /** Settings from {@code quarkus.response-cache.endpoint."<name>".*} win over the annotation's. */
    public static EndpointPolicy of(CachedEndpoint endpoint, ResponseCacheConfig config) {
        EndpointConfig overrides = config.endpoint().get(endpoint.name());
        Duration expire = endpoint.expireSeconds() > 0 ? Duration.ofSeconds(endpoint.expireSeconds())
                : config.defaultExpire();
        Duration swr = endpoint.staleWhileRevalidateSeconds() >= 0
                ? Duration.ofSeconds(endpoint.staleWhileRevalidateSeconds())
                : config.staleWhileRevalidate();
        Duration sie = endpoint.staleIfErrorSeconds() >= 0 ? Duration.ofSeconds(endpoint.staleIfErrorSeconds())
                : config.staleIfError();
        boolean enabled = true;
        if (overrides != null) {
            enabled = overrides.enabled().orElse(true);
            expire = overrides.expire().orElse(expire);
            swr = overrides.staleWhileRevalidate().orElse(swr);
            sie = overrides.staleIfError().orElse(sie);
        }
        KeyRecipe recipe = endpoint.keyRecipe();
        List<String> varyHeaders = recipe.headers().stream().map(h -> h.toLowerCase(Locale.ROOT)).distinct().toList();
        Set<String> queryParameters = recipe.wholeQuery() ? null : Set.copyOf(recipe.queryParameters());
        StringBuilder vary = new StringBuilder();
        if (endpoint.negotiatesMediaType()) {
            vary.append("Accept");
        }
        Set<String> listed = new HashSet<>();
        for (String header : recipe.headers()) {
            boolean accept = header.equalsIgnoreCase("Accept") && endpoint.negotiatesMediaType();
            if (!accept && listed.add(header.toLowerCase(Locale.ROOT))) {
                vary.append(vary.isEmpty() ? "" : ", ").append(header);
            }
        }
        return new EndpointPolicy(endpoint, enabled, expire, swr, sie, varyHeaders, queryParameters,
                vary.isEmpty() ? null : vary.toString(), TagTemplate.parseAll(endpoint.tags()),
                EndpointLifetimes.of(endpoint, config, expire, overrides));
    }

    /**
     * @return how long an entry may be kept in the store, whatever its status: the longest freshness plus the longest
     *         stale window (what a claim, taken before the response exists, must cover)
     */
    public Duration retention() {
        return retention(lifetimes.longest());
    }

    /** @return how long an entry fresh for {@code lifetime} is kept in the store: that plus the longest stale window */
    public Duration retention(Duration lifetime) {
        Duration grace = staleWhileRevalidate.compareTo(staleIfError) >= 0 ? staleWhileRevalidate : staleIfError;
        return lifetime.plus(grace);
    }

    /** @return this request's tags, path parameters filled in */
    public List<String> renderTags(ResteasyReactiveRequestContext request) {
        return TagTemplate.renderAll(tags, request);
    }

    public boolean keyByPrincipal() {
        return endpoint.keyByPrincipal();
    }

    /**
     * @return whether its responses belong to one client (keyed by a principal or a cookie): no shared cache downstream may
     *         reuse them
     */
    public boolean isPrivate() {
        return keyByPrincipal() || !endpoint.keyRecipe().cookies().isEmpty();
    }

    /** @return the {@code Cache-Control} of a response with {@code secondsLeft} of freshness */
    public String cacheControl(long secondsLeft) {
        StringBuilder value = new StringBuilder(48);
        if (isPrivate()) {
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
