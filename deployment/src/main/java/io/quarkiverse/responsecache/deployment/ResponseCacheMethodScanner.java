package io.quarkiverse.responsecache.deployment;

import static io.quarkiverse.responsecache.deployment.ResponseCacheDotNames.COMPRESSED;
import static io.quarkiverse.responsecache.deployment.ResponseCacheDotNames.RESPONSE_CACHE_INVALIDATE;
import static io.quarkiverse.responsecache.deployment.ResponseCacheDotNames.UNCOMPRESSED;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.MethodInfo;
import org.jboss.resteasy.reactive.server.model.FixedHandlerChainCustomizer;
import org.jboss.resteasy.reactive.server.model.HandlerChainCustomizer;
import org.jboss.resteasy.reactive.server.processor.scanning.MethodScanner;

import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoint;
import io.quarkiverse.responsecache.runtime.handler.ResponseCacheInvalidateHandler;
import io.quarkiverse.responsecache.runtime.handler.ResponseCacheLookupHandler;
import io.quarkiverse.responsecache.runtime.handler.ResponseCacheStoreHandler;
import io.quarkus.vertx.http.runtime.VertxHttpBuildTimeConfig;

/**
 * Gives each cached endpoint its handlers: the lookup twice, right after matching (it acts only for a chain of Quarkus
 * REST's plumbing alone) and right before the method is invoked (otherwise), and the store after the response is
 * created, before the response filters; and each {@code @ResponseCacheInvalidate} method its eviction handler. Other
 * methods get nothing and pay nothing. What is cached was decided by {@link CachedEndpointResolver}; misuses were left out of
 * it and fail the
 * build.
 */
final class ResponseCacheMethodScanner implements MethodScanner {

    private final CachedEndpointsBuildItem endpoints;
    private final VertxHttpBuildTimeConfig http;

    ResponseCacheMethodScanner(CachedEndpointsBuildItem endpoints, VertxHttpBuildTimeConfig http) {
        this.endpoints = endpoints;
        this.http = http;
    }

    @Override
    public List<HandlerChainCustomizer> scan(MethodInfo method, ClassInfo actualEndpointClass,
            Map<String, Object> methodContext) {
        AnnotationInstance invalidate = method.declaredAnnotation(RESPONSE_CACHE_INVALIDATE);
        if (invalidate != null) {
            ResponseCacheInvalidateHandler handler = new ResponseCacheInvalidateHandler();
            handler.setNamespaces(EndpointAnnotations.strings(invalidate, "namespaces"));
            handler.setTags(EndpointAnnotations.strings(invalidate, "tags"));
            handler.setAll(EndpointAnnotations.booleanValue(invalidate, "all"));
            return List.of(new FixedHandlerChainCustomizer(handler, HandlerChainCustomizer.Phase.AFTER_RESPONSE_CREATED));
        }
        CachedEndpoint endpoint = endpoints.endpoint(actualEndpointClass, method);
        if (endpoint == null) {
            return List.of();
        }
        return List.of(
                // answers right after matching when the chain holds nothing a hit must go through (ShortChain)
                new FixedHandlerChainCustomizer(new ResponseCacheLookupHandler(endpoint.id(), true),
                        HandlerChainCustomizer.Phase.AFTER_MATCH),
                // otherwise after the request filters, the security checks and the parameters: a miss minus the call
                new FixedHandlerChainCustomizer(new ResponseCacheLookupHandler(endpoint.id(), false),
                        HandlerChainCustomizer.Phase.BEFORE_METHOD_INVOKE),
                new FixedHandlerChainCustomizer(storeHandler(method),
                        HandlerChainCustomizer.Phase.AFTER_RESPONSE_CREATED));
    }

    /**
     * The store handler keeps a gzip form of what it stores exactly when Quarkus would compress the method's responses
     * (and gzip is among its compressors), so that a hit sends that form instead of the server compressing again.
     */
    private ResponseCacheStoreHandler storeHandler(MethodInfo method) {
        ResponseCacheStoreHandler handler = new ResponseCacheStoreHandler();
        boolean gzip = http.enableCompression() && http.compressors().orElse(List.of()).stream()
                .anyMatch(compressor -> compressor.trim().equalsIgnoreCase("gzip"));
        if (!gzip || method.hasDeclaredAnnotation(UNCOMPRESSED)) {
            return handler;
        }
        handler.setCompressAlways(method.hasDeclaredAnnotation(COMPRESSED));
        handler.setCompressMediaTypes(http.compressMediaTypes().orElse(List.of()).stream()
                .map(type -> type.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet()));
        http.compressionLevel().ifPresent(handler::setCompressionLevel);
        return handler;
    }
}
