package io.quarkiverse.responsecache.deployment;

import io.quarkiverse.responsecache.runtime.invalidation.GuardedEvictions;
import io.quarkiverse.responsecache.runtime.refresh.BackgroundRefresher;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;

/** The beans that keep a failing or slow store from holding requests: bounded evictions, background refreshes. */
class StoreResilienceProcessor {

    @BuildStep
    AdditionalBeanBuildItem beans() {
        // looked up through CacheServices by the handlers, so nothing may be removed as unused
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(GuardedEvictions.class, BackgroundRefresher.class)
                .setUnremovable()
                .build();
    }
}
