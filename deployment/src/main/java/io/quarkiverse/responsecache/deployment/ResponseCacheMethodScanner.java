package io.quarkiverse.responsecache.deployment;

import static io.quarkiverse.responsecache.deployment.ResponseCacheDotNames.GET;
import static io.quarkiverse.responsecache.deployment.ResponseCacheDotNames.PRODUCES;
import static io.quarkiverse.responsecache.deployment.ResponseCacheDotNames.RESPONSE_CACHE;
import static io.quarkiverse.responsecache.deployment.ResponseCacheDotNames.RESPONSE_CACHE_INVALIDATE;
import static io.quarkiverse.responsecache.deployment.ResponseCacheDotNames.SSE_EVENT_SINK;
import static io.quarkiverse.responsecache.deployment.ResponseCacheDotNames.STREAMING_MEDIA_TYPES;
import static io.quarkiverse.responsecache.deployment.ResponseCacheDotNames.STREAMING_RETURN_TYPES;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;
import org.jboss.resteasy.reactive.server.model.FixedHandlerChainCustomizer;
import org.jboss.resteasy.reactive.server.model.HandlerChainCustomizer;
import org.jboss.resteasy.reactive.server.processor.scanning.MethodScanner;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkiverse.responsecache.runtime.CachedEndpoint;
import io.quarkiverse.responsecache.runtime.ResponseCacheInvalidateHandler;
import io.quarkiverse.responsecache.runtime.ResponseCacheLookupHandler;
import io.quarkiverse.responsecache.runtime.ResponseCacheStoreHandler;

/**
 * Gives each cached resource method its two handlers: the lookup right after matching, the store after the response
 * is created; and each {@code @ResponseCacheInvalidate} method its eviction handler. Other methods get nothing and pay
 * nothing. Misuses are left alone here: the
 * validation step reports them all at once and fails the build.
 */
final class ResponseCacheMethodScanner implements MethodScanner {

    @Override
    public List<HandlerChainCustomizer> scan(MethodInfo method, ClassInfo actualEndpointClass,
            Map<String, Object> methodContext) {
        AnnotationInstance invalidate = method.declaredAnnotation(RESPONSE_CACHE_INVALIDATE);
        if (invalidate != null) {
            ResponseCacheInvalidateHandler handler = new ResponseCacheInvalidateHandler();
            handler.setNamespaces(strings(invalidate, "namespaces"));
            handler.setTags(strings(invalidate, "tags"));
            return List.of(new FixedHandlerChainCustomizer(handler, HandlerChainCustomizer.Phase.AFTER_RESPONSE_CREATED));
        }
        AnnotationInstance annotation = effectiveAnnotation(method, actualEndpointClass);
        if (annotation == null || !method.hasDeclaredAnnotation(GET) || expire(annotation) < 0
                || streamingReason(method, actualEndpointClass) != null) {
            return List.of();
        }
        return List.of(
                new FixedHandlerChainCustomizer(new ResponseCacheLookupHandler(endpoint(method, actualEndpointClass,
                        annotation)), HandlerChainCustomizer.Phase.AFTER_MATCH),
                new FixedHandlerChainCustomizer(new ResponseCacheStoreHandler(),
                        HandlerChainCustomizer.Phase.AFTER_RESPONSE_CREATED));
    }

    private static CachedEndpoint endpoint(MethodInfo method, ClassInfo endpointClass, AnnotationInstance annotation) {
        CachedEndpoint endpoint = new CachedEndpoint();
        endpoint.setId(endpointClass.name() + "#" + method.name());
        endpoint.setName(name(method, annotation));
        endpoint.setNamespace(namespace(annotation));
        endpoint.setTags(strings(annotation, "tags"));
        endpoint.setExpireSeconds(expire(annotation));
        endpoint.setVaryHeaders(strings(annotation, "varyHeaders"));
        endpoint.setQueryParameters(strings(annotation, "queryParameters"));
        endpoint.setKeyByPrincipal(annotation.value("keyByPrincipal") != null
                && annotation.value("keyByPrincipal").asBoolean());
        endpoint.setStaleWhileRevalidateSeconds(longValue(annotation, "staleWhileRevalidate", -1));
        endpoint.setStaleIfErrorSeconds(longValue(annotation, "staleIfError", -1));
        endpoint.setNegotiatesMediaType(producedMediaTypes(method, endpointClass).size() > 1);
        return endpoint;
    }

    /**
     * @return the method's own {@code @ResponseCache}, else its class's when the method is a GET method, else null
     */
    static AnnotationInstance effectiveAnnotation(MethodInfo method, ClassInfo endpointClass) {
        AnnotationInstance own = method.declaredAnnotation(RESPONSE_CACHE);
        if (own != null) {
            return own;
        }
        if (!method.hasDeclaredAnnotation(GET)) {
            return null;
        }
        AnnotationInstance onClass = endpointClass.declaredAnnotation(RESPONSE_CACHE);
        return onClass != null ? onClass : method.declaringClass().declaredAnnotation(RESPONSE_CACHE);
    }

    static long expire(AnnotationInstance annotation) {
        return longValue(annotation, "expire", ResponseCache.DEFAULT_EXPIRE);
    }

    static long longValue(AnnotationInstance annotation, String name, long defaultValue) {
        AnnotationValue value = annotation.value(name);
        return value == null ? defaultValue : value.asLong();
    }

    static List<String> strings(AnnotationInstance annotation, String name) {
        AnnotationValue value = annotation.value(name);
        return value == null ? List.of() : List.of(value.asStringArray());
    }

    /** @return the media types the method declares it produces (its own {@code @Produces}, else its class's) */
    static List<String> producedMediaTypes(MethodInfo method, ClassInfo endpointClass) {
        AnnotationInstance produces = method.declaredAnnotation(PRODUCES);
        if (produces == null) {
            produces = endpointClass.declaredAnnotation(PRODUCES);
        }
        if (produces == null || produces.value() == null) {
            return List.of();
        }
        List<String> mediaTypes = new ArrayList<>();
        for (String declared : produces.value().asStringArray()) {
            for (String single : declared.split(",")) {
                mediaTypes.add(single.split(";")[0].trim().toLowerCase(Locale.ROOT));
            }
        }
        return mediaTypes;
    }

    /**
     * @return the annotation's {@code name} (followed by {@code .<method name>} when the annotation is on the class,
     *         so each method keeps a name of its own), else {@code <simple name of the declaring class>.<method name>}
     */
    static String name(MethodInfo method, AnnotationInstance annotation) {
        AnnotationValue value = annotation.value("name");
        if (value == null || value.asString().isBlank()) {
            return method.declaringClass().name().withoutPackagePrefix() + "." + method.name();
        }
        return annotation.target().kind() == AnnotationTarget.Kind.CLASS ? value.asString() + "." + method.name()
                : value.asString();
    }

    static String namespace(AnnotationInstance annotation) {
        AnnotationValue value = annotation.value("namespace");
        return value == null ? "" : value.asString();
    }

    /** @return why the method's response is a stream that cannot be stored whole, or null when it is not */
    static String streamingReason(MethodInfo method, ClassInfo endpointClass) {
        Type returnType = method.returnType();
        if (STREAMING_RETURN_TYPES.contains(returnType.name())) {
            return "it returns " + returnType.name().withoutPackagePrefix();
        }
        for (Type parameter : method.parameterTypes()) {
            if (SSE_EVENT_SINK.equals(parameter.name())) {
                return "it takes an SseEventSink";
            }
        }
        for (String mediaType : producedMediaTypes(method, endpointClass)) {
            if (STREAMING_MEDIA_TYPES.contains(mediaType)) {
                return "it produces " + mediaType;
            }
        }
        return null;
    }
}
