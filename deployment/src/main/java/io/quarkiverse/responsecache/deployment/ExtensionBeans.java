package io.quarkiverse.responsecache.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheBuildTimeConfig;
import io.quarkiverse.responsecache.runtime.coordination.CacheDecisions;
import io.quarkiverse.responsecache.runtime.coordination.KeyClaims;
import io.quarkiverse.responsecache.runtime.coordination.MissCoordinator;
import io.quarkiverse.responsecache.runtime.coordination.StoreDecisions;
import io.quarkiverse.responsecache.runtime.edge.EdgeHeaders;
import io.quarkiverse.responsecache.runtime.edge.EdgePurges;
import io.quarkiverse.responsecache.runtime.entry.CacheableStatusesCheck;
import io.quarkiverse.responsecache.runtime.entry.EntryCodec;
import io.quarkiverse.responsecache.runtime.entry.EntryRules;
import io.quarkiverse.responsecache.runtime.explain.ResponseCacheExplain;
import io.quarkiverse.responsecache.runtime.handler.CacheServices;
import io.quarkiverse.responsecache.runtime.health.ResponseCacheHealthCheck;
import io.quarkiverse.responsecache.runtime.http.CacheStatusHeaders;
import io.quarkiverse.responsecache.runtime.invalidation.EntryIndexes;
import io.quarkiverse.responsecache.runtime.invalidation.GuardedEvictions;
import io.quarkiverse.responsecache.runtime.invalidation.StoreResponseCacheInvalidator;
import io.quarkiverse.responsecache.runtime.key.DefaultResponseCacheKeyBuilder;
import io.quarkiverse.responsecache.runtime.key.RequestKeys;
import io.quarkiverse.responsecache.runtime.lifetime.ResponseLifetimes;
import io.quarkiverse.responsecache.runtime.management.PurgeTargetCheck;
import io.quarkiverse.responsecache.runtime.management.ResponseCachePurge;
import io.quarkiverse.responsecache.runtime.metrics.ResponseCacheGauges;
import io.quarkiverse.responsecache.runtime.metrics.ResponseCacheMeters;
import io.quarkiverse.responsecache.runtime.observe.ObservedNearCache;
import io.quarkiverse.responsecache.runtime.observe.ResponseCacheEvents;
import io.quarkiverse.responsecache.runtime.refresh.BackgroundRefresher;
import io.quarkiverse.responsecache.runtime.store.GuardedStore;
import io.quarkiverse.responsecache.runtime.store.ResponseStoreProducer;
import io.quarkiverse.responsecache.runtime.store.StoreConfigurationWatch;
import io.quarkiverse.responsecache.runtime.store.near.NearCache;
import io.quarkiverse.responsecache.runtime.store.near.NearCacheAcknowledgements;
import io.quarkiverse.responsecache.runtime.store.near.NearCacheTracking;
import io.quarkiverse.responsecache.runtime.store.redis.CacheClientOptions;
import io.quarkiverse.responsecache.runtime.time.SystemResponseCacheClock;
import io.quarkiverse.responsecache.runtime.tracing.ResponseCacheSpans;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.metrics.MetricsCapabilityBuildItem;
import io.quarkus.runtime.metrics.MetricsFactory;

/**
 * Every bean of the extension, in one list: what each request uses, what stores and evicts, and the integrations the
 * application's other extensions and settings ask for. None may be removed as unused: the handlers look
 * {@code CacheServices} up rather than have it injected, and the integrations are reached through {@code Instance}.
 */
final class ExtensionBeans {

    private static final String ORM = "io.quarkiverse.responsecache.runtime.orm.";

    private ExtensionBeans() {
    }

    /**
     * @param operatorSurface whether the purge and explain endpoints exist (configured, or the Dev UI in dev mode)
     */
    static List<AdditionalBeanBuildItem> of(ResponseCacheBuildTimeConfig config, Capabilities capabilities,
            Optional<MetricsCapabilityBuildItem> metrics, boolean operatorSurface) {
        List<Class<?>> beans = new ArrayList<>(List.of(
                // the request path
                CacheServices.class, RequestKeys.class, DefaultResponseCacheKeyBuilder.class, CacheStatusHeaders.class,
                CacheDecisions.class, MissCoordinator.class, KeyClaims.class, StoreDecisions.class, EntryRules.class,
                ResponseLifetimes.class, BackgroundRefresher.class, SystemResponseCacheClock.class,
                // the store, and the near cache in front of Redis (whether it runs is a runtime setting)
                ResponseStoreProducer.class, GuardedStore.class, EntryCodec.class, CacheableStatusesCheck.class,
                StoreConfigurationWatch.class, CacheClientOptions.class, NearCache.class, NearCacheTracking.class,
                NearCacheAcknowledgements.class,
                // evictions, and the HTTP caches in front that every eviction purges
                EntryIndexes.class, GuardedEvictions.class, StoreResponseCacheInvalidator.class, EdgeHeaders.class,
                EdgePurges.class,
                // what the core reports outcomes to
                ResponseCacheEvents.class, ObservedNearCache.class));
        if (config.metrics().enabled() && metrics.isPresent()
                && metrics.get().metricsSupported(MetricsFactory.MICROMETER)) {
            beans.addAll(List.of(ResponseCacheMeters.class, ResponseCacheGauges.class));
        }
        if (capabilities.isPresent(Capability.OPENTELEMETRY_TRACER)) {
            beans.add(ResponseCacheSpans.class);
        }
        if (config.health().enabled() && capabilities.isPresent(Capability.SMALLRYE_HEALTH)) {
            beans.add(ResponseCacheHealthCheck.class);
        }
        if (operatorSurface) {
            beans.addAll(List.of(ResponseCachePurge.class, PurgeTargetCheck.class, ResponseCacheExplain.class));
        }
        List<AdditionalBeanBuildItem> items = new ArrayList<>(2);
        items.add(AdditionalBeanBuildItem.builder().addBeanClasses(beans.toArray(Class<?>[]::new)).setUnremovable()
                .build());
        if (EntityTrackingProcessor.tracksEntities(capabilities, config)) {
            // by name: these classes refer to Hibernate ORM, which the deployment module does not depend on
            items.add(AdditionalBeanBuildItem.builder()
                    .addBeanClasses(ORM + "EntityTracking", ORM + "EntityEvictions", ORM + "TrackingStatementInspector")
                    .setUnremovable().build());
        }
        return items;
    }
}
