package io.quarkiverse.responsecache.deployment;

import static io.quarkiverse.responsecache.deployment.ResponseCacheDotNames.GET;
import static io.quarkiverse.responsecache.deployment.ResponseCacheDotNames.RESPONSE_CACHE;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

import io.quarkiverse.responsecache.ResponseCache;

/** What {@code @ResponseCache} and the JAX-RS annotations of a resource method say, read from the Jandex index. */
final class EndpointAnnotations {

    private EndpointAnnotations() {
    }

    /**
     * @return the method's own {@code @ResponseCache}, else, for a GET method, the one on the serving class or the
     *         nearest superclass, else the one on the class or interface that declares the method; null for none
     */
    static AnnotationInstance effectiveAnnotation(MethodInfo method, ClassInfo servingClass) {
        AnnotationInstance own = method.declaredAnnotation(RESPONSE_CACHE);
        if (own != null) {
            return own;
        }
        if (!method.hasDeclaredAnnotation(GET)) {
            return null;
        }
        return classAnnotation(servingClass, method.declaringClass());
    }

    static AnnotationInstance classAnnotation(ClassInfo servingClass, ClassInfo declaringClass) {
        AnnotationInstance onClass = servingClass.declaredAnnotation(RESPONSE_CACHE);
        return onClass != null ? onClass : declaringClass.declaredAnnotation(RESPONSE_CACHE);
    }

    static long expire(AnnotationInstance annotation) {
        return longValue(annotation, "expire", ResponseCache.DEFAULT_EXPIRE);
    }

    /**
     * @return the annotation's {@code expireByStatus} as (status, seconds) pairs, in the order written, a status
     *         listed twice twice
     */
    static List<long[]> expireByStatus(AnnotationInstance annotation) {
        AnnotationValue value = annotation.value("expireByStatus");
        if (value == null) {
            return List.of();
        }
        List<long[]> pairs = new ArrayList<>();
        for (AnnotationInstance byStatus : value.asNestedArray()) {
            long expire = byStatus.value("expire").asLong();
            for (int status : byStatus.value("status").asIntArray()) {
                pairs.add(new long[] { status, expire });
            }
        }
        return pairs;
    }

    static long longValue(AnnotationInstance annotation, String name, long defaultValue) {
        AnnotationValue value = annotation.value(name);
        return value == null ? defaultValue : value.asLong();
    }

    static boolean booleanValue(AnnotationInstance annotation, String name) {
        AnnotationValue value = annotation.value(name);
        return value != null && value.asBoolean();
    }

    static List<String> strings(AnnotationInstance annotation, String name) {
        AnnotationValue value = annotation.value(name);
        return value == null ? List.of() : List.of(value.asStringArray());
    }

    /**
     * @return the annotation's {@code name} (followed by {@code .<method name>} when the annotation is on a class, so
     *         each method keeps a name of its own), else {@code <simple name of the serving class>.<method name>}
     */
    static String name(ClassInfo servingClass, MethodInfo method, AnnotationInstance annotation) {
        AnnotationValue value = annotation.value("name");
        if (value == null || value.asString().isBlank()) {
            return servingClass.name().withoutPackagePrefix() + "." + method.name();
        }
        return annotation.target().kind() == AnnotationTarget.Kind.CLASS ? value.asString() + "." + method.name()
                : value.asString();
    }

    static String namespace(AnnotationInstance annotation) {
        AnnotationValue value = annotation.value("namespace");
        return value == null ? "" : value.asString();
    }

    /** @return the media types the method declares it produces (its own {@code @Produces}, else its class's) */
    static List<String> producedMediaTypes(MethodInfo method, ClassInfo servingClass) {
        AnnotationInstance produces = method.declaredAnnotation(ResponseCacheDotNames.PRODUCES);
        if (produces == null) {
            produces = servingClass.declaredAnnotation(ResponseCacheDotNames.PRODUCES);
        }
        if (produces == null) {
            produces = method.declaringClass().declaredAnnotation(ResponseCacheDotNames.PRODUCES);
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

    /** @return why the method's response is a stream that cannot be stored whole, or null when it is not */
    static String streamingReason(MethodInfo method, ClassInfo servingClass) {
        Type returnType = method.returnType();
        if (ResponseCacheDotNames.STREAMING_RETURN_TYPES.contains(returnType.name())) {
            return "it returns " + returnType.name().withoutPackagePrefix();
        }
        for (Type parameter : method.parameterTypes()) {
            if (ResponseCacheDotNames.SSE_EVENT_SINK.equals(parameter.name())) {
                return "it takes an SseEventSink";
            }
        }
        for (String mediaType : producedMediaTypes(method, servingClass)) {
            if (ResponseCacheDotNames.STREAMING_MEDIA_TYPES.contains(mediaType)) {
                return "it produces " + mediaType;
            }
        }
        return null;
    }

    /** @return the class's {@code @Path} (its own, or the resource it implements) joined to the method's */
    static String path(IndexView index, ClassInfo servingClass, MethodInfo method) {
        AnnotationInstance classPath = null;
        for (ClassInfo type = servingClass; type != null
                && classPath == null; type = type.superName() == null ? null : index.getClassByName(type.superName())) {
            classPath = type.declaredAnnotation(ResponseCacheDotNames.PATH);
            for (DotName implemented : type.interfaceNames()) {
                ClassInfo resource = index.getClassByName(implemented);
                if (classPath == null && resource != null) {
                    classPath = resource.declaredAnnotation(ResponseCacheDotNames.PATH);
                }
            }
        }
        AnnotationInstance methodPath = method.declaredAnnotation(ResponseCacheDotNames.PATH);
        String joined = ("/" + pathValue(classPath) + "/" + pathValue(methodPath)).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static String pathValue(AnnotationInstance path) {
        return path == null || path.value() == null ? "" : path.value().asString();
    }
}
