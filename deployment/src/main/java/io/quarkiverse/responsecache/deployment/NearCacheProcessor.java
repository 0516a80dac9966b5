package io.quarkiverse.responsecache.deployment;

import io.quarkiverse.responsecache.runtime.store.near.NearCache;
import io.quarkiverse.responsecache.runtime.store.near.NearCacheAcknowledgements;
import io.quarkiverse.responsecache.runtime.store.near.NearCacheTracking;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;

/** The near cache in front of the Redis store: its beans exist always; whether it runs is a runtime setting. */
class NearCacheProcessor {

    @BuildStep
    AdditionalBeanBuildItem nearCacheBeans() {
        // the handlers reach the near cache through CacheServices, which they look up: nothing here is unused
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(NearCache.class, NearCacheTracking.class, NearCacheAcknowledgements.class)
                .setUnremovable()
                .build();
    }
}
