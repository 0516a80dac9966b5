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
    private final List<Throwable> misuses;

    CachedEndpointsBuildItem(Map<String, CachedEndpoint> byServingMethod, List<Throwable> misuses) {
        this.byServingMethod = Collections.unmodifiableMap(new LinkedHashMap<>(byServingMethod));
        this.misuses = List.copyOf(misuses);
    }

    List<CachedEndpoint> endpoints() {
        return List.copyOf(byServingMethod.values());
    }

    /** @return the endpoint of this method served by this class, or null when it is not cached */
    CachedEndpoint endpoint(ClassInfo servingClass, MethodInfo method) {
        return byServingMethod.get(CachedEndpointResolver.lookupKey(servingClass, method));
    }

    List<Throwable> misuses() {
        return misuses;
    }
}
