package io.quarkiverse.responsecache.runtime.key;

import java.util.List;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.mapping.RuntimeResource;

import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoint;

/** Through Quarkus REST's own accessors, so the key and the endpoint cannot disagree on what a request says. */
public final class LiveRequestInputs implements RequestInputs<ResteasyReactiveRequestContext> {

    public static final LiveRequestInputs INSTANCE = new LiveRequestInputs();

    private LiveRequestInputs() {
    }

    @Override
    public String path(ResteasyReactiveRequestContext request, boolean withMatrixParameters) {
        // after matching, Quarkus REST's path has lost its matrix parameters; the request's still has them
        return withMatrixParameters ? request.serverRequest().getRequestNormalisedPath() : request.getPath();
    }

    @Override
    public String scheme(ResteasyReactiveRequestContext request) {
        // what UriInfo answers: the values after proxy forwarding, when it is enabled
        return request.getScheme();
    }

    @Override
    public String host(ResteasyReactiveRequestContext request) {
        return request.getAuthority();
    }

    @Override
    public String query(ResteasyReactiveRequestContext request) {
        return request.serverRequest().query();
    }

    @Override
    public List<String> queryValues(ResteasyReactiveRequestContext request, String name) {
        return request.serverRequest().getAllQueryParams(name);
    }

    @Override
    public List<String> headerValues(ResteasyReactiveRequestContext request, String name) {
        return request.serverRequest().getAllRequestHeaders(name);
    }

    @Override
    public String cookie(ResteasyReactiveRequestContext request, String name) {
        return request.getCookieParameter(name);
    }

    @Override
    public String negotiatedMediaType(ResteasyReactiveRequestContext request, CachedEndpoint endpoint) {
        RuntimeResource target = request.getTarget();
        if (target == null || target.getProduces() == null) {
            return "";
        }
        var negotiated = target.getProduces()
                .negotiateProduces(request.serverRequest().getRequestHeader("Accept")).getKey();
        return negotiated == null ? "" : negotiated.toString();
    }
}
