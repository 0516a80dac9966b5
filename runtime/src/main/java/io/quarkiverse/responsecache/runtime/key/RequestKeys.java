package io.quarkiverse.responsecache.runtime.key;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.mapping.RuntimeResource;

import io.quarkiverse.responsecache.ResponseCacheKeyBuilder;
import io.quarkiverse.responsecache.ResponseCacheKeyInput;
import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoint;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;

/**
 * Reads from a request what its endpoint's policy says the key depends on, and hands it to the application's
 * {@link ResponseCacheKeyBuilder}.
 */
@Singleton
public class RequestKeys {

    private final ResponseCacheKeyBuilder keyBuilder;

    @Inject
    public RequestKeys(ResponseCacheKeyBuilder keyBuilder) {
        this.keyBuilder = keyBuilder;
    }

    /**
     * @param principal who the request speaks for when the endpoint keys by principal, else null
     * @return the key of the request's entry
     */
    public String key(EndpointPolicy policy, ResteasyReactiveRequestContext request, String principal) {
        CachedEndpoint endpoint = policy.endpoint();
        ResponseCacheKeyInput.Builder input = ResponseCacheKeyInput.forEndpoint(endpoint.id())
                .namespace(endpoint.namespace())
                .path(request.getPath())
                .principal(principal);
        Set<String> keptParameters = policy.queryParameters();
        for (Map.Entry<String, List<String>> parameter : request.serverRequest().getQueryParamsMap().entrySet()) {
            if (keptParameters == null || keptParameters.contains(parameter.getKey())) {
                for (String value : parameter.getValue()) {
                    input.queryParameter(parameter.getKey(), value);
                }
            }
        }
        for (String header : policy.varyHeaders()) {
            input.varyHeader(header, request.serverRequest().getRequestHeader(header));
        }
        if (endpoint.negotiatesMediaType()) {
            input.mediaType(negotiatedMediaType(request));
        }
        return keyBuilder.build(input.build());
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
