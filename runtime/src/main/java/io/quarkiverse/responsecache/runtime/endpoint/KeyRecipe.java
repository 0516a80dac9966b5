package io.quarkiverse.responsecache.runtime.endpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What of a request takes part in the key of a cached endpoint: exactly what the endpoint can read, as the build
 * derived it, merged with the annotation's explicit {@code queryParameters} and {@code varyHeaders}.
 *
 * @param queryDefaults an absent parameter and one sent with its {@code @DefaultValue} share an entry
 * @param wholeQuery the endpoint can read any query parameter
 * @param readsAnything what the endpoint injects that can read any part of the request; not empty means the
 *        conservative key
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

    /** The recipe of an endpoint the build did not analyse. */
    public static KeyRecipe named(List<String> queryParameters, List<String> headers) {
        return new KeyRecipe(queryParameters, Map.of(), queryParameters.isEmpty(), headers, List.of(), false, false,
                List.of());
    }

    public boolean conservative() {
        return !readsAnything.isEmpty();
    }

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
