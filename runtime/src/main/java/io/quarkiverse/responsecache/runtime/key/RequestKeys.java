package io.quarkiverse.responsecache.runtime.key;

import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.mapping.RuntimeResource;
import org.jboss.resteasy.reactive.server.spi.ServerHttpRequest;

import io.quarkiverse.responsecache.ResponseCacheKeyBuilder;
import io.quarkiverse.responsecache.ResponseCacheKeyInput;
import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoint;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkiverse.responsecache.runtime.endpoint.KeyRecipe;

/**
 * Reads from a request what its endpoint's key recipe says the endpoint can see, and hands it to the application's
 * {@link ResponseCacheKeyBuilder}. Each input is read through the same accessor Quarkus REST uses to give it to the
 * endpoint, so the key and the endpoint cannot disagree on what a request says: a query parameter's values are all
 * those Quarkus REST would match for its name, in request order; a cookie is the value the endpoint would receive.
 * <p>
 * Besides the recipe, the key holds the request headers the endpoint's own responses named in {@code Vary}
 * ({@link VariedHeaders}).
 */
@Singleton
public class RequestKeys {

    private final ResponseCacheKeyBuilder keyBuilder;
    private final VariedHeaders variedHeaders = new VariedHeaders();

    @Inject
    public RequestKeys(ResponseCacheKeyBuilder keyBuilder) {
        this.keyBuilder = keyBuilder;
    }

    /** @return the request headers the endpoint's responses have named in {@code Vary} so far, beyond its recipe */
    public VariedHeaders variedHeaders() {
        return variedHeaders;
    }

    /**
     * @param principal who the request speaks for when the endpoint keys by principal, else null
     * @return the key of the request's entry
     */
    public String key(EndpointPolicy policy, ResteasyReactiveRequestContext request, String principal) {
        return key(policy, request, principal, variedHeaders.of(policy.endpoint().id()));
    }

    /**
     * @param varied the headers learned from the endpoint's {@code Vary} that take part too, lower case
     * @return the key of the request's entry
     */
    public String key(EndpointPolicy policy, ResteasyReactiveRequestContext request, String principal,
            Set<String> varied) {
        CachedEndpoint endpoint = policy.endpoint();
        KeyRecipe recipe = endpoint.keyRecipe();
        ServerHttpRequest http = request.serverRequest();
        ResponseCacheKeyInput.Builder input = ResponseCacheKeyInput.forEndpoint(endpoint.id())
                .namespace(endpoint.namespace())
                // after matching, Quarkus REST's path has lost its matrix parameters; the request's still has them
                .path(recipe.matrixParameters() ? http.getRequestNormalisedPath() : request.getPath())
                .principal(principal);
        if (recipe.schemeAndHost()) {
            // what UriInfo answers: the values after proxy forwarding, when it is enabled
            input.scheme(request.getScheme()).host(request.getAuthority());
        }
        if (recipe.wholeQuery()) {
            input.queryString(http.query());
        } else {
            for (String name : recipe.queryParameters()) {
                addQueryParameter(input, http, name, recipe.queryDefaults().get(name));
            }
        }
        for (String header : policy.varyHeaders()) {
            input.varyHeader(header, headerValue(http, header));
        }
        for (String header : varied) {
            input.varyHeader(header, headerValue(http, header));
        }
        for (String cookie : recipe.cookies()) {
            input.cookie(cookie, request.getCookieParameter(cookie));
        }
        if (endpoint.negotiatesMediaType()) {
            input.mediaType(negotiatedMediaType(request));
        }
        return keyBuilder.build(input.build());
    }

    private static void addQueryParameter(ResponseCacheKeyInput.Builder input, ServerHttpRequest http, String name,
            String defaultValue) {
        List<String> values = http.getAllQueryParams(name);
        if (values == null || values.isEmpty()) {
            if (defaultValue != null) {
                // absent or sent with its default value: the endpoint receives the same, so one entry serves both
                input.queryParameter(name, defaultValue);
            }
            return;
        }
        for (String value : values) {
            input.queryParameter(name, value);
        }
    }

    /** @return every value of the header, one per line (a value holds no line break), or null when absent */
    static String headerValue(ServerHttpRequest http, String name) {
        List<String> values = http.getAllRequestHeaders(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.get(0) : String.join("\n", values);
    }

    /** @return the media type the endpoint will produce for this request's {@code Accept} */
    private static String negotiatedMediaType(ResteasyReactiveRequestContext request) {
        RuntimeResource target = request.getTarget();
        if (target == null || target.getProduces() == null) {
            return "";
        }
        var negotiated = target.getProduces()
                .negotiateProduces(request.serverRequest().getRequestHeader("Accept")).getKey();
        return negotiated == null ? "" : negotiated.toString();
    }
}
