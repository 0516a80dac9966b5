package io.quarkiverse.responsecache.runtime.endpoint;

import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.RecordableConstructor;

/**
 * What the build learned about one cached endpoint from its annotation, its class and its method. Computed once by
 * the deployment module's resolver and recorded into bytecode; immutable.
 *
 * @param id {@code <endpoint class name>#<method name>}, the endpoint's identity in keys
 * @param name the endpoint's name in configuration ({@code quarkus.response-cache.endpoint."<name>".*})
 * @param namespace the namespace of its entries, {@code ""} for none
 * @param tags the tag templates, e.g. {@code product:{id}}
 * @param expireSeconds the annotation's {@code expire}, {@code 0} when it defers to the configured default
 * @param varyHeaders the request headers that take part in the key, as declared
 * @param queryParameters the query parameters that take part in the key; empty for all
 * @param negotiatesMediaType whether several media types can answer its path (its own {@code @Produces}, or other
 *        methods on the same path), so the negotiated one takes part in the key and responses say {@code Vary: Accept}
 * @param keyByPrincipal whether requests with credentials get entries of their own instead of bypassing the cache
 * @param staleWhileRevalidateSeconds the annotation's {@code staleWhileRevalidate}, {@code -1} when it defers to the
 *        configuration
 * @param staleIfErrorSeconds the annotation's {@code staleIfError}, {@code -1} when it defers to the configuration
 * @param keyRecipe what of a request takes part in the key, derived by the build from what the endpoint reads
 * @param trackEntities whether its entries are tagged with the entities it reads through Hibernate ORM (the
 *        application has it, tracking is on, and the endpoint did not opt out)
 * @param expireByStatusSeconds the annotation's {@code expireByStatus}: seconds of freshness by status
 * @param expireFromResponse whether the response's own {@code s-maxage} or {@code max-age} sets its lifetime
 */
public record CachedEndpoint(String id, String name, String namespace, List<String> tags, long expireSeconds,
        List<String> varyHeaders, List<String> queryParameters, boolean negotiatesMediaType, boolean keyByPrincipal,
        long staleWhileRevalidateSeconds, long staleIfErrorSeconds, KeyRecipe keyRecipe, boolean trackEntities,
        Map<Integer, Long> expireByStatusSeconds, boolean expireFromResponse) {

    /** The constructor the recorder calls: the record has a second one. */
    @RecordableConstructor
    public CachedEndpoint {
        tags = List.copyOf(tags);
        expireByStatusSeconds = Map.copyOf(expireByStatusSeconds);
        varyHeaders = List.copyOf(varyHeaders);
        queryParameters = List.copyOf(queryParameters);
    }

    /** An endpoint the build did not analyse: its key takes the query parameters and headers it names. */
    public CachedEndpoint(String id, String name, String namespace, List<String> tags, long expireSeconds,
            List<String> varyHeaders, List<String> queryParameters, boolean negotiatesMediaType, boolean keyByPrincipal,
            long staleWhileRevalidateSeconds, long staleIfErrorSeconds) {
        this(id, name, namespace, tags, expireSeconds, varyHeaders, queryParameters, negotiatesMediaType,
                keyByPrincipal, staleWhileRevalidateSeconds, staleIfErrorSeconds,
                KeyRecipe.named(queryParameters, varyHeaders), false, Map.of(), false);
    }

    /** @return its key recipe in one line, for the startup log and consoles */
    public String describeKey() {
        return keyRecipe.describe(negotiatesMediaType);
    }
}
