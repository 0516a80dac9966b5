package io.quarkiverse.responsecache.deployment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.MethodInfo;

import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoint;
import io.quarkus.builder.item.SimpleBuildItem;

/** The application's cached endpoints, resolved once by {@link CachedEndpointResolver}, and what it found misused. */
final class CachedEndpointsBuildItem extends SimpleBuildItem {

    /** In the order the resolver found them, so the endpoint table lists them in a stable order. */
    private final Map<String, CachedEndpoint> byServingMethod;
    private final Map<String, String> pathsByServingMethod;
    private final List<Throwable> misuses;

    CachedEndpointsBuildItem(Map<String, CachedEndpoint> byServingMethod, Map<String, String> pathsByServingMethod,
            List<Throwable> misuses) {
        this.byServingMethod = Collections.unmodifiableMap(new LinkedHashMap<>(byServingMethod));
        this.pathsByServingMethod = Map.copyOf(pathsByServingMethod);
        this.misuses = List.copyOf(misuses);
    }

    List<CachedEndpoint> endpoints() {
        return List.copyOf(byServingMethod.values());
    }

    /**
     * @return each endpoint with the path template it answers ({@code GET}, and {@code HEAD} with it): one per serving
     *         method, so overloads and a method served by several classes each have theirs
     */
    List<Route> routes() {
        return byServingMethod.entrySet().stream()
                .map(entry -> new Route(entry.getValue(), pathsByServingMethod.get(entry.getKey()))).toList();
    }

    /** A cached endpoint and the path template its serving class and method declare. */
    record Route(CachedEndpoint endpoint, String path) {
    }

    /** @return the endpoint of this method served by this class, or null when it is not cached */
    CachedEndpoint endpoint(ClassInfo servingClass, MethodInfo method) {
        return byServingMethod.get(CachedEndpointResolver.lookupKey(servingClass, method));
    }

    List<Throwable> misuses() {
        return misuses;
    }
}
