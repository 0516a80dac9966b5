package io.quarkiverse.responsecache.runtime.endpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What of a request takes part in the key of a cached endpoint: exactly what the endpoint can read, as the build
 * derived it from the method's parameters, its resource class (fields, constructor, setters) and the parameter
 * containers ({@code @BeanParam} classes and records), merged with the annotation's explicit
 * {@code queryParameters} and {@code varyHeaders}. The endpoint's identity, its path and, when it negotiates, the
 * response media type are always part of the key.
 *
 * @param queryParameters the query parameters keyed by name, each with all its values in request order, matched as
 *        Quarkus REST matches them; ignored when {@code wholeQuery}
 * @param queryDefaults the {@code @DefaultValue} of a keyed query parameter, by name: an absent parameter and one sent
 *        with its default value give the endpoint the same input, so they share an entry
 * @param wholeQuery whether the whole query string, as sent and in its order, takes part: the endpoint can read any
 *        query parameter
 * @param headers the request headers that take part in the key and are listed in {@code Vary}, as declared
 * @param cookies the cookies that take part in the key; their entries are private to the client
 * @param matrixParameters whether the path takes part with its matrix parameters ({@code ;color=red})
 * @param schemeAndHost whether the scheme and the host, as the endpoint sees them after proxy forwarding, take part
 * @param readsAnything what the endpoint injects that can read any part of the request (e.g.
 *        {@code UriInfo (field uriInfo)}); not empty means the key is the conservative one
 */
public record KeyRecipe(List<String> queryParameters, Map<String, String> queryDefaults, boolean wholeQuery,
        List<String> headers, List<String> cookies, boolean matrixParameters, boolean schemeAndHost,
        List<String> readsAnything) {

    public KeyRecipe {
        queryParameters = List.copyOf(queryParameters);
        queryDefaults = Map.copyOf(queryDefaults);
        headers = List.copyOf(headers);
        cookies = List.copyOf(cookies);
        readsAnything = List.copyOf(readsAnything);
    }

    /**
     * The recipe of an endpoint the build did not analyse: the query parameters named (all of them when none is), and
     * the headers named.
     */
    public static KeyRecipe named(List<String> queryParameters, List<String> headers) {
        return new KeyRecipe(queryParameters, Map.of(), queryParameters.isEmpty(), headers, List.of(), false, false,
                List.of());
    }

    /** @return whether the endpoint can read anything, so it has the conservative key */
    public boolean conservative() {
        return !readsAnything.isEmpty();
    }

    /** @return the recipe in one line, e.g. {@code path, query [page=1, q], header [Accept-Language]} */
    public String describe(boolean negotiatesMediaType) {
        List<String> parts = new ArrayList<>();
        if (schemeAndHost) {
            parts.add("scheme and host");
        }
        parts.add(matrixParameters ? "path with matrix parameters" : "path");
        if (wholeQuery) {
            parts.add("whole query string");
        } else if (!queryParameters.isEmpty()) {
            List<String> query = new ArrayList<>();
            for (String name : queryParameters) {
                String defaultValue = queryDefaults.get(name);
                query.add(defaultValue == null ? name : name + "=" + defaultValue);
            }
            parts.add("query " + query);
        }
        if (!headers.isEmpty()) {
            parts.add("headers " + headers);
        }
        if (!cookies.isEmpty()) {
            parts.add("cookies " + cookies + " (private)");
        }
        if (negotiatesMediaType) {
            parts.add("negotiated media type");
        }
        String recipe = String.join(", ", parts);
        return readsAnything.isEmpty() ? recipe
                : recipe + "; conservative, because it injects " + String.join(", ", readsAnything);
    }
}
