package io.quarkiverse.responsecache.runtime.refresh;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.jboss.resteasy.reactive.server.spi.ServerHttpRequest;

import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkiverse.responsecache.runtime.endpoint.KeyRecipe;
import io.vertx.core.MultiMap;

/**
 * The request a background refresh sends: the inputs of the entry's key taken from the request that found it stale,
 * and nothing else of that request.
 */
final class RefreshRequest {

    private RefreshRequest() {
    }

    /**
     * @return the path as sent (matrix parameters included), with the query the key reads: all of it when the endpoint
     *         reads the whole query
     */
    static String uri(ServerHttpRequest original, KeyRecipe recipe) {
        String path = original.getRequestPath();
        String query = original.query();
        if (query == null || query.isEmpty()) {
            return path;
        }
        if (recipe.wholeQuery()) {
            return path + '?' + query;
        }
        StringBuilder kept = new StringBuilder();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals),
                    StandardCharsets.UTF_8);
            if (recipe.queryParameters().contains(name)) {
                kept.append(kept.length() == 0 ? '?' : '&').append(pair);
            }
        }
        return path + kept;
    }

    /** @return the headers the key reads, the keyed cookies, and what the key reads of the scheme and host */
    static MultiMap headers(ServerHttpRequest original, EndpointPolicy policy, Set<String> varied) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (String name : policy.varyHeaders()) {
            copy(original, headers, name);
        }
        for (String name : varied) {
            copy(original, headers, name);
        }
        if (policy.endpoint().negotiatesMediaType()) {
            copy(original, headers, "Accept");
        }
        KeyRecipe recipe = policy.endpoint().keyRecipe();
        if (recipe.schemeAndHost()) {
            for (String name : List.of("Host", "Forwarded", "X-Forwarded-Proto", "X-Forwarded-Host",
                    "X-Forwarded-Port", "X-Forwarded-Prefix")) {
                copy(original, headers, name);
            }
        }
        if (!recipe.cookies().isEmpty()) {
            StringBuilder cookies = new StringBuilder();
            List<String> lines = original.getAllRequestHeaders("Cookie");
            for (String line : lines == null ? List.<String> of() : lines) {
                for (String pair : line.split(";")) {
                    String trimmed = pair.trim();
                    int equals = trimmed.indexOf('=');
                    if (equals > 0 && recipe.cookies().contains(trimmed.substring(0, equals))) {
                        cookies.append(cookies.length() == 0 ? "" : "; ").append(trimmed);
                    }
                }
            }
            if (cookies.length() > 0) {
                headers.set("Cookie", cookies.toString());
            }
        }
        return headers;
    }

    private static void copy(ServerHttpRequest original, MultiMap headers, String name) {
        List<String> values = original.getAllRequestHeaders(name);
        if (values != null && !values.isEmpty() && !headers.contains(name)) {
            headers.add(name, values);
        }
    }
}
