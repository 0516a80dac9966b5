package io.quarkiverse.responsecache.deployment;

import java.util.List;
import java.util.Map;

import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.MethodInfo;

import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoint;
import io.quarkus.builder.item.SimpleBuildItem;

/** The application's cached endpoints, resolved once by {@link CachedEndpointResolver}, and what it found misused. */
final class CachedEndpointsBuildItem extends SimpleBuildItem {

    private final List<CachedEndpoint> endpoints;
    private final Map<String, CachedEndpoint> byServingMethod;
    private final List<Throwable> misuses;

    CachedEndpointsBuildItem(List<CachedEndpoint> endpoints, Map<String, CachedEndpoint> byServingMethod,
            List<Throwable> misuses) {
        this.endpoints = endpoints;
        this.byServingMethod = Map.copyOf(byServingMethod);
        this.misuses = misuses;
    }

    List<CachedEndpoint> endpoints() {
        return endpoints;
    }

    /** @return the endpoint of this method served by this class, or null when it is not cached */
    CachedEndpoint endpoint(ClassInfo servingClass, MethodInfo method) {
        return byServingMethod.get(CachedEndpointResolver.lookupKey(servingClass, method));
    }

    List<Throwable> misuses() {
        return misuses;
    }
}
