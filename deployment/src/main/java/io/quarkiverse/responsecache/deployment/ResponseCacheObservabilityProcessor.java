package io.quarkiverse.responsecache.deployment;

import java.util.Optional;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheBuildTimeConfig;
import io.quarkiverse.responsecache.runtime.health.ResponseCacheHealthCheck;
import io.quarkiverse.responsecache.runtime.metrics.ResponseCacheGauges;
import io.quarkiverse.responsecache.runtime.metrics.ResponseCacheMeters;
import io.quarkiverse.responsecache.runtime.observe.ObservedNearCache;
import io.quarkiverse.responsecache.runtime.observe.ResponseCacheEvents;
import io.quarkiverse.responsecache.runtime.tracing.ResponseCacheSpans;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.metrics.MetricsCapabilityBuildItem;
import io.quarkus.runtime.metrics.MetricsFactory;

/**
 * Wires the optional operational integrations, each only when the application has the extension it needs: metrics
 * with Micrometer, span attributes with OpenTelemetry, the health check with SmallRye Health. The core reports to
 * {@link ResponseCacheEvents} whether or
 * not anything listens.
 */
class ResponseCacheObservabilityProcessor {

    @BuildStep
    AdditionalBeanBuildItem events() {
        return AdditionalBeanBuildItem.builder().addBeanClasses(ResponseCacheEvents.class, ObservedNearCache.class)
                .setUnremovable().build();
    }

    @BuildStep
    void metrics(Optional<MetricsCapabilityBuildItem> metrics, ResponseCacheBuildTimeConfig config,
            BuildProducer<AdditionalBeanBuildItem> beans) {
        if (config.metrics().enabled() && metrics.isPresent()
                && metrics.get().metricsSupported(MetricsFactory.MICROMETER)) {
            beans.produce(AdditionalBeanBuildItem.builder()
                    .addBeanClasses(ResponseCacheMeters.class, ResponseCacheGauges.class)
                    .setUnremovable()
                    .build());
        }
    }

    @BuildStep
    void tracing(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.OPENTELEMETRY_TRACER)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(ResponseCacheSpans.class));
        }
    }

    @BuildStep
    void health(Capabilities capabilities, ResponseCacheBuildTimeConfig config,
            BuildProducer<AdditionalBeanBuildItem> beans) {
        if (config.health().enabled() && capabilities.isPresent(Capability.SMALLRYE_HEALTH)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(ResponseCacheHealthCheck.class));
        }
    }
}
