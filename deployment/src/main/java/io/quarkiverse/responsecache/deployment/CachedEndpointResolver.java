package io.quarkiverse.responsecache.deployment;

import static io.quarkiverse.responsecache.deployment.EndpointAnnotations.booleanValue;
import static io.quarkiverse.responsecache.deployment.EndpointAnnotations.effectiveAnnotation;
import static io.quarkiverse.responsecache.deployment.EndpointAnnotations.expire;
import static io.quarkiverse.responsecache.deployment.EndpointAnnotations.longValue;
import static io.quarkiverse.responsecache.deployment.EndpointAnnotations.name;
import static io.quarkiverse.responsecache.deployment.EndpointAnnotations.namespace;
import static io.quarkiverse.responsecache.deployment.EndpointAnnotations.producedMediaTypes;
import static io.quarkiverse.responsecache.deployment.EndpointAnnotations.streamingReason;
import static io.quarkiverse.responsecache.deployment.EndpointAnnotations.strings;
import static io.quarkiverse.responsecache.deployment.ResponseCacheDotNames.GET;
import static io.quarkiverse.responsecache.deployment.ResponseCacheDotNames.RESPONSE_CACHE;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.DuplicateEndpointNameException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.NegativeExpireException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.NonGetMethodTargetException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.StreamingMethodTargetException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.TooManyTagsException;
import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoint;
import io.quarkiverse.responsecache.runtime.endpoint.KeyRecipe;

/**
 * Decides, once per build, which resource methods are cached and how: the one place both the handler wiring and the
 * validation read. It walks every resource class Quarkus REST serves, with the methods it inherits from superclasses
 * and interfaces, exactly as Quarkus REST will call the method scanner: one endpoint per (serving class, method), so
 * two resources inheriting one cached method are two endpoints, named and configured separately.
 */
final class CachedEndpointResolver {

    private final IndexView index;
    private final Set<DotName> httpMethods;
    private final Map<String, CachedEndpoint> endpoints = new LinkedHashMap<>();
    /** The path template each endpoint answers, as its serving class and method declare it. */
    private final Map<String, String> paths = new LinkedHashMap<>();
    private final Map<String, String> endpointByName = new HashMap<>();
    private final List<Throwable> misuses = new ArrayList<>();
    private final ResourceMethods resourceMethods;

    /** The most tags one annotation may name ({@code quarkus.response-cache.max-tags}). */
    private final int maxTags;

    private CachedEndpointResolver(IndexView index, Set<DotName> httpMethods, int maxTags) {
        this.index = index;
        this.httpMethods = httpMethods;
        this.resourceMethods = new ResourceMethods(index, httpMethods);
        this.maxTags = maxTags;
    }

    /**
     * @param resourceClasses the classes Quarkus REST found as resources
     * @param httpMethods the annotations that make a method a resource method ({@code @GET}, {@code @POST}...)
     * @param maxTags the most tags one annotation may name
     */
    static CachedEndpointsBuildItem resolve(IndexView index, Collection<ClassInfo> resourceClasses,
            Set<DotName> httpMethods, int maxTags) {
        CachedEndpointResolver resolver = new CachedEndpointResolver(index, httpMethods, maxTags);
        resolver.checkAnnotationTargets();
        Set<MethodInfo> served = new HashSet<>();
        Collection<ClassInfo> serving = ResourceMethods.servingClasses(index, resourceClasses);
        for (ClassInfo servingClass : serving) {
            for (MethodInfo method : resolver.resourceMethods.of(servingClass)) {
                served.add(method);
                resolver.resolve(servingClass, method);
            }
        }
        resolver.checkSubResources(served, serving);
        return new CachedEndpointsBuildItem(resolver.endpoints, resolver.paths, resolver.misuses);
    }

    /** @return the key under which the method scanner finds the endpoint of this (serving class, method) */
    static String lookupKey(ClassInfo servingClass, MethodInfo method) {
        return servingClass.name() + "#" + method.name() + method.parameterTypes();
    }

    /**
     * A {@code GET} method annotated where no root resource serves it: a sub-resource's, which Quarkus REST reaches
     * through a resource locator and this cache never wires. A build error rather than an endpoint silently uncached.
     */
    private void checkSubResources(Set<MethodInfo> served, Collection<ClassInfo> serving) {
        if (serving.isEmpty()) {
            return;
        }
        for (AnnotationInstance annotation : index.getAnnotations(RESPONSE_CACHE)) {
            if (annotation.target().kind() != AnnotationTarget.Kind.METHOD) {
                continue;
            }
            MethodInfo method = annotation.target().asMethod();
            if (!method.hasDeclaredAnnotation(GET) || served.contains(method)) {
                continue;
            }
            List<String> locators = new ArrayList<>();
            for (ClassInfo resource : serving) {
                for (MethodInfo candidate : resource.methods()) {
                    if (candidate.hasDeclaredAnnotation(ResponseCacheDotNames.PATH) && candidate.returnType().name().equals(
                            method.declaringClass().name())) {
                        locators.add(ResponseCacheDefinitionException.describe(candidate));
                    }
                }
            }
            misuses.add(new ResponseCacheDefinitionException.SubResourceMethodException(method, locators));
        }
    }

    /** The annotation's own attributes, checked once per annotation wherever it is. */
    private void checkAnnotationTargets() {
        for (AnnotationInstance annotation : index.getAnnotations(RESPONSE_CACHE)) {
            String target = switch (annotation.target().kind()) {
                case METHOD -> ResponseCacheDefinitionException.describe(annotation.target().asMethod());
                case CLASS -> ResponseCacheDefinitionException.describe(annotation.target().asClass());
                default -> null;
            };
            if (target == null) {
                continue;
            }
            long expire = expire(annotation);
            if (expire < 0) {
                misuses.add(new NegativeExpireException(target, "expire", expire));
            }
            for (String graceAttribute : List.of("staleWhileRevalidate", "staleIfError")) {
                long grace = longValue(annotation, graceAttribute, -1);
                if (grace < -1) {
                    misuses.add(new NegativeExpireException(target, graceAttribute, grace));
                }
            }
            StatusLifetimes.check(annotation, target, misuses);
            int tags = new HashSet<>(strings(annotation, "tags")).size();
            if (tags > maxTags) {
                misuses.add(new TooManyTagsException(target, tags, maxTags));
            }
            if (annotation.target().kind() == AnnotationTarget.Kind.METHOD
                    && !annotation.target().asMethod().hasDeclaredAnnotation(GET)) {
                misuses.add(new NonGetMethodTargetException(annotation.target().asMethod()));
            }
        }
    }

    private void resolve(ClassInfo servingClass, MethodInfo method) {
        AnnotationInstance annotation = effectiveAnnotation(method, servingClass);
        if (annotation == null || !method.hasDeclaredAnnotation(GET)) {
            return;
        }
        boolean fromClass = annotation.target().kind() == AnnotationTarget.Kind.CLASS;
        String streaming = streamingReason(method, servingClass);
        if (streaming != null) {
            misuses.add(new StreamingMethodTargetException(method, streaming, fromClass));
            return;
        }
        if (expire(annotation) < 0) {
            return; // reported once, by checkAnnotationTargets
        }
        List<String> tags = strings(annotation, "tags");
        if (!TagParameters.validTags(method, servingClass, "@ResponseCache", tags, misuses)) {
            return;
        }
        String name = name(servingClass, method, annotation);
        String id = servingClass.name() + "#" + method.name();
        String sameName = endpointByName.putIfAbsent(name, describe(servingClass, method));
        if (sameName != null) {
            misuses.add(new DuplicateEndpointNameException(name, sameName, describe(servingClass, method)));
            return;
        }
        List<String> varyHeaders = strings(annotation, "varyHeaders");
        List<String> queryParameters = strings(annotation, "queryParameters");
        KeyRecipe recipe = KeyRecipes.derive(index, servingClass, method, queryParameters, varyHeaders, misuses);
        if (recipe == null) {
            return;
        }
        endpoints.put(lookupKey(servingClass, method), new CachedEndpoint(id, name, namespace(annotation), tags,
                expire(annotation), varyHeaders, queryParameters, negotiatesMediaType(servingClass, method),
                booleanValue(annotation, "keyByPrincipal"), longValue(annotation, "staleWhileRevalidate", -1),
                longValue(annotation, "staleIfError", -1), recipe,
                annotation.value("trackEntities") == null || annotation.value("trackEntities").asBoolean(),
                StatusLifetimes.of(annotation), booleanValue(annotation, "expireFromResponse")));
        paths.put(lookupKey(servingClass, method), EndpointAnnotations.path(index, servingClass, method));
    }

    /**
     * @return whether more than one representation can answer the method's path: it produces several media types, or
     *         another GET method of its class has the same path and produces others
     */
    private boolean negotiatesMediaType(ClassInfo servingClass, MethodInfo method) {
        List<String> produced = producedMediaTypes(method, servingClass);
        if (produced.size() > 1) {
            return true;
        }
        String path = pathTemplate(method);
        for (MethodInfo other : resourceMethods.of(servingClass)) {
            if (!other.equals(method) && other.hasDeclaredAnnotation(GET) && path.equals(pathTemplate(other))
                    && !produced.equals(producedMediaTypes(other, servingClass))) {
                return true;
            }
        }
        return false;
    }

    /** @return the method's own path with its parameters' names and patterns left out, so equal paths compare equal */
    private static String pathTemplate(MethodInfo method) {
        AnnotationInstance path = method.declaredAnnotation(ResponseCacheDotNames.PATH);
        String value = path == null || path.value() == null ? "" : path.value().asString();
        String template = value.replaceAll("\\{[^}]*}", "{}").replaceAll("/+", "/");
        if (template.startsWith("/")) {
            template = template.substring(1);
        }
        return template.endsWith("/") ? template.substring(0, template.length() - 1) : template;
    }

    private static String describe(ClassInfo servingClass, MethodInfo method) {
        String described = ResponseCacheDefinitionException.describe(method);
        return servingClass.name().equals(method.declaringClass().name()) ? described
                : described + " (served by '" + servingClass.name() + "')";
    }

}
