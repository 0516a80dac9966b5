package io.quarkiverse.responsecache.deployment;

import io.quarkiverse.responsecache.runtime.edge.EdgeHeaders;
import io.quarkiverse.responsecache.runtime.edge.EdgePurges;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;

/**
 * The HTTP caches in front of the application: the headers responses carry for them, and the purges every eviction
 * sends them. Both are runtime configuration, and do nothing until it names a header or a layer.
 */
class ResponseCacheEdgeProcessor {

    @BuildStep
    AdditionalBeanBuildItem edgeBeans() {
        return AdditionalBeanBuildItem.builder().addBeanClasses(EdgeHeaders.class, EdgePurges.class)
                .setUnremovable().build();
    }
}
