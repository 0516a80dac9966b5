package io.quarkiverse.responsecache.runtime.endpoint;

import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.RecordableConstructor;

/**
 * What the build learned about one cached endpoint; computed once by the deployment module and recorded into bytecode.
 *
 * @param id {@code <endpoint class name>#<method name>}, the endpoint's identity in keys
 * @param expireSeconds {@code 0} when it defers to the configured default
 * @param negotiatesMediaType several media types can answer its path, so the negotiated one takes part in the key
 * @param staleWhileRevalidateSeconds {@code -1} when it defers to the configuration
 * @param staleIfErrorSeconds {@code -1} when it defers to the configuration
 */
public record CachedEndpoint(String id, String name, String namespace, List<String> tags, long expireSeconds,
        List<String> varyHeaders, List<String> queryParameters, boolean negotiatesMediaType, boolean keyByPrincipal,
        long staleWhileRevalidateSeconds, long staleIfErrorSeconds, KeyRecipe keyRecipe, boolean trackEntities,
        Map<Integer, Long> expireByStatusSeconds, boolean expireFromResponse) {

    /** The record has a second constructor. */
    @RecordableConstructor
    public CachedEndpoint {
        tags = List.copyOf(tags);
        expireByStatusSeconds = Map.copyOf(expireByStatusSeconds);
        varyHeaders = List.copyOf(varyHeaders);
        queryParameters = List.copyOf(queryParameters);
    }

    public CachedEndpoint(String id, String name, String namespace, List<String> tags, long expireSeconds,
            List<String> varyHeaders, List<String> queryParameters, boolean negotiatesMediaType, boolean keyByPrincipal,
            long staleWhileRevalidateSeconds, long staleIfErrorSeconds) {
        this(id, name, namespace, tags, expireSeconds, varyHeaders, queryParameters, negotiatesMediaType,
                keyByPrincipal, staleWhileRevalidateSeconds, staleIfErrorSeconds,
                KeyRecipe.named(queryParameters, varyHeaders), false, Map.of(), false);
    }

    public String describeKey() {
        return keyRecipe.describe(negotiatesMediaType);
    }
}
