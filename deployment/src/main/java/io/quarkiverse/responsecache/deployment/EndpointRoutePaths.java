package io.quarkiverse.responsecache.deployment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoint;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointRoute;

/**
 * Where each cached endpoint is served: its class's path as Quarkus REST's scan found it (the serving class's, or that
 * of the resource class or interface it inherits it from) joined to its method's {@code @Path}, and what its
 * {@code @Produces} declares. What the explain endpoint matches URLs against.
 */
final class EndpointRoutePaths {

    private EndpointRoutePaths() {
    }

    /**
     * @param classPaths the {@code @Path} of each resource class and interface, as Quarkus REST's scan found them
     */
    static List<EndpointRoute> of(CachedEndpointsBuildItem endpoints, IndexView index, Map<DotName, String> classPaths) {
        List<EndpointRoute> routes = new ArrayList<>();
        for (CachedEndpoint endpoint : endpoints.endpoints()) {
            int hash = endpoint.id().indexOf('#');
            ClassInfo serving = index.getClassByName(DotName.createSimple(endpoint.id().substring(0, hash)));
            MethodInfo method = serving == null ? null
                    : method(serving, serving, endpoint.id().substring(hash + 1), endpoints, endpoint, index);
            if (method == null) {
                continue;
            }
            routes.add(new EndpointRoute(endpoint.id(), join(classPath(serving, classPaths, index), path(method)),
                    produces(method, serving)));
        }
        return routes;
    }

    /** @return the method of the endpoint, declared by {@code type} or a type it extends or implements */
    private static MethodInfo method(ClassInfo serving, ClassInfo type, String name, CachedEndpointsBuildItem endpoints,
            CachedEndpoint endpoint, IndexView index) {
        if (type == null) {
            return null;
        }
        for (MethodInfo method : type.methods()) {
            if (method.name().equals(name) && endpoints.endpoint(serving, method) == endpoint) {
                return method;
            }
        }
        List<DotName> supers = new ArrayList<>(type.interfaceNames());
        if (type.superName() != null) {
            supers.add(0, type.superName());
        }
        for (DotName parent : supers) {
            MethodInfo found = method(serving, index.getClassByName(parent), name, endpoints, endpoint, index);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** @return the path of the first class, up from the serving class, that has one, as Quarkus REST serves it */
    private static String classPath(ClassInfo type, Map<DotName, String> classPaths, IndexView index) {
        if (type == null) {
            return null;
        }
        String path = classPaths.get(type.name());
        if (path == null) {
            path = value(type.declaredAnnotation(ResponseCacheDotNames.PATH));
        }
        if (path != null) {
            return path;
        }
        List<DotName> supers = new ArrayList<>(type.interfaceNames());
        if (type.superName() != null) {
            supers.add(0, type.superName());
        }
        for (DotName parent : supers) {
            String found = classPath(index.getClassByName(parent), classPaths, index);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String path(MethodInfo method) {
        return value(method.declaredAnnotation(ResponseCacheDotNames.PATH));
    }

    /** @return the method's {@code @Produces} values as declared, else its serving or declaring class's */
    private static List<String> produces(MethodInfo method, ClassInfo serving) {
        for (AnnotationInstance produces : Arrays.asList(method.declaredAnnotation(ResponseCacheDotNames.PRODUCES),
                serving.declaredAnnotation(ResponseCacheDotNames.PRODUCES),
                method.declaringClass().declaredAnnotation(ResponseCacheDotNames.PRODUCES))) {
            if (produces != null && produces.value() != null) {
                return List.of(produces.value().asStringArray());
            }
        }
        return List.of();
    }

    private static String value(AnnotationInstance path) {
        return path == null || path.value() == null ? null : path.value().asString();
    }

    /** @return {@code /class/method}, one slash between parts, no trailing slash but for the root */
    static String join(String classPath, String methodPath) {
        String joined = ("/" + (classPath == null ? "" : classPath) + "/" + (methodPath == null ? "" : methodPath))
                .replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
