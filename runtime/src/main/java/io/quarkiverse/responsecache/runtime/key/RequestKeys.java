package io.quarkiverse.responsecache.runtime.key;

import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

import io.quarkiverse.responsecache.ResponseCacheKeyBuilder;
import io.quarkiverse.responsecache.ResponseCacheKeyInput;
import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoint;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkiverse.responsecache.runtime.endpoint.KeyRecipe;

/**
 * Reads what the endpoint's key recipe and learned {@code Vary} headers name, through the accessors Quarkus REST uses
 * for the endpoint, and hands it to the {@link ResponseCacheKeyBuilder}.
 */
@Singleton
public class RequestKeys {

    private final ResponseCacheKeyBuilder keyBuilder;
    private final VariedHeaders variedHeaders = new VariedHeaders();

    @Inject
    public RequestKeys(ResponseCacheKeyBuilder keyBuilder) {
        this.keyBuilder = keyBuilder;
    }

    public VariedHeaders variedHeaders() {
        return variedHeaders;
    }

    /** @param principal who the request speaks for when the endpoint keys by principal, else null */
    public String key(EndpointPolicy policy, ResteasyReactiveRequestContext request, String principal) {
        return key(policy, request, principal, variedHeaders.of(policy.endpoint().id()));
    }

    /** @param varied the headers learned from the endpoint's {@code Vary}, lower case */
    public String key(EndpointPolicy policy, ResteasyReactiveRequestContext request, String principal,
            Set<String> varied) {
        return keyBuilder.build(input(policy, LiveRequestInputs.INSTANCE, request, principal, varied));
    }

    public String key(ResponseCacheKeyInput input) {
        return keyBuilder.build(input);
    }

    public <R> ResponseCacheKeyInput input(EndpointPolicy policy, RequestInputs<R> inputs, R request,
            String principal, Set<String> varied) {
        CachedEndpoint endpoint = policy.endpoint();
        KeyRecipe recipe = endpoint.keyRecipe();
        ResponseCacheKeyInput.Builder input = ResponseCacheKeyInput.forEndpoint(endpoint.id())
                .namespace(endpoint.namespace())
                .path(inputs.path(request, recipe.matrixParameters()))
                .principal(principal);
        if (recipe.schemeAndHost()) {
            input.scheme(inputs.scheme(request)).host(inputs.host(request));
        }
        if (recipe.wholeQuery()) {
            input.queryString(inputs.query(request));
        } else {
            // indexed loops, and no iterator over an empty set: an iterator is an allocation on every request
            List<String> queryParameters = recipe.queryParameters();
            for (int i = 0; i < queryParameters.size(); i++) {
                String name = queryParameters.get(i);
                addQueryParameter(input, inputs.queryValues(request, name), name, recipe.queryDefaults().get(name));
            }
        }
        List<String> varyHeaders = policy.varyHeaders();
        for (int i = 0; i < varyHeaders.size(); i++) {
            input.varyHeader(varyHeaders.get(i), joined(inputs.headerValues(request, varyHeaders.get(i))));
        }
        if (!varied.isEmpty()) {
            for (String header : varied) {
                input.varyHeader(header, joined(inputs.headerValues(request, header)));
            }
        }
        List<String> cookies = recipe.cookies();
        for (int i = 0; i < cookies.size(); i++) {
            input.cookie(cookies.get(i), inputs.cookie(request, cookies.get(i)));
        }
        if (endpoint.negotiatesMediaType()) {
            input.mediaType(inputs.negotiatedMediaType(request, endpoint));
        }
        return input.build();
    }

    private static void addQueryParameter(ResponseCacheKeyInput.Builder input, List<String> values, String name,
            String defaultValue) {
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

    /** One value per line: a value holds no line break. */
    static String joined(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.get(0) : String.join("\n", values);
    }
}
