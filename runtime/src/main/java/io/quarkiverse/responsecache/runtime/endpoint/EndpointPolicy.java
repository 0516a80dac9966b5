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
 * An endpoint's caching rules at runtime: its annotation's settings completed by the configuration, resolved once at
 * startup into {@link CachedEndpoints}.
 *
 * @param varyHeaders lower case
 * @param queryParameters null for the whole query string
 */
public record EndpointPolicy(CachedEndpoint endpoint, boolean enabled, Duration expire, Duration staleWhileRevalidate,
        Duration staleIfError, List<String> varyHeaders, Set<String> queryParameters, String vary,
        List<TagTemplate> tags, EndpointLifetimes lifetimes) {

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

    /** What a claim, taken before the response exists, must cover: the longest freshness plus the longest stale window. */
    public Duration retention() {
        return retention(lifetimes.longest());
    }

    public Duration retention(Duration lifetime) {
        Duration grace = staleWhileRevalidate.compareTo(staleIfError) >= 0 ? staleWhileRevalidate : staleIfError;
        return lifetime.plus(grace);
    }

    public List<String> renderTags(ResteasyReactiveRequestContext request) {
        return TagTemplate.renderAll(tags, request);
    }

    public boolean keyByPrincipal() {
        return endpoint.keyByPrincipal();
    }

    /** Responses keyed by a principal or a cookie: no shared cache downstream may reuse them. */
    public boolean isPrivate() {
        return keyByPrincipal() || !endpoint.keyRecipe().cookies().isEmpty();
    }

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
