package io.quarkiverse.responsecache.runtime;

import java.util.List;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoint;
import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoints;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointRoute;
import io.quarkiverse.responsecache.runtime.explain.EndpointRoutes;
import io.quarkiverse.responsecache.runtime.explain.ExplainRouteHandler;
import io.quarkiverse.responsecache.runtime.management.PurgeExposureCheck;
import io.quarkiverse.responsecache.runtime.management.PurgeRouteHandler;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Turns what the build found into the runtime's endpoint table, once the runtime configuration is known. */
@Recorder
public class ResponseCacheRecorder {

    private final RuntimeValue<ResponseCacheConfig> config;

    public ResponseCacheRecorder(RuntimeValue<ResponseCacheConfig> config) {
        this.config = config;
    }

    /** @return the supplier of the {@link CachedEndpoints} bean; resolving it also checks the per-endpoint settings */
    public Supplier<CachedEndpoints> cachedEndpoints(List<CachedEndpoint> endpoints) {
        CachedEndpoints resolved = CachedEndpoints.resolve(endpoints, config.getValue());
        return () -> resolved;
    }

    /** Warns once at startup when the operator endpoints on the application's port have no permission over them. */
    public void warnIfPurgeUnprotected(String evictPath, String explainPath) {
        PurgeExposureCheck.warnIfUnprotected(ConfigProvider.getConfig(), evictPath, explainPath);
    }

    /** @return the handler of the operator explain route */
    public Handler<RoutingContext> explainRoute() {
        return new ExplainRouteHandler();
    }

    /** @return the supplier of the {@link EndpointRoutes} bean: the cached endpoints' path templates, matchable */
    public Supplier<EndpointRoutes> endpointRoutes(List<EndpointRoute> routes) {
        return () -> new EndpointRoutes(routes);
    }

    /** @return the handler of an operator purge route: evicting, or marking stale when {@code soft} */
    public Handler<RoutingContext> purgeRoute(boolean soft) {
        return new PurgeRouteHandler(soft);
    }
}
