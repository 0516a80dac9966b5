package io.quarkiverse.responsecache.deployment;

import static io.quarkiverse.responsecache.deployment.ResponseCacheDotNames.RESPONSE_CACHE_INVALIDATE;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;

import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.CacheAndInvalidateException;
import io.quarkiverse.responsecache.runtime.ResponseCacheRecorder;
import io.quarkiverse.responsecache.runtime.config.ResponseCacheBuildTimeConfig;
import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoints;
import io.quarkiverse.responsecache.spi.ResponseCachePolicy;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.LaunchModeBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.deployment.metrics.MetricsCapabilityBuildItem;
import io.quarkus.redis.deployment.client.RequestedRedisClientBuildItem;
import io.quarkus.redis.runtime.client.config.RedisConfig;
import io.quarkus.resteasy.reactive.common.deployment.ResourceScanningResultBuildItem;
import io.quarkus.resteasy.reactive.server.spi.MethodScannerBuildItem;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.vertx.http.runtime.VertxHttpBuildTimeConfig;

class ResponseCacheProcessor {

    private static final String FEATURE = "response-cache";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /** The spine: every bean of the extension is named by {@link ExtensionBeans}. */
    @BuildStep
    void beans(ResponseCacheBuildTimeConfig config, Capabilities capabilities,
            Optional<MetricsCapabilityBuildItem> metrics, LaunchModeBuildItem launchMode,
            BuildProducer<AdditionalBeanBuildItem> beans) {
        boolean operatorSurface = config.management().enabled()
                || launchMode.getLaunchMode() == LaunchMode.DEVELOPMENT;
        ExtensionBeans.of(config, capabilities, metrics, operatorSurface).forEach(beans::produce);
    }

    @BuildStep
    UnremovableBeanBuildItem responsePolicies() {
        // looked up through Instance<ResponseCachePolicy>, never injected by type
        return UnremovableBeanBuildItem.beanTypes(ResponseCachePolicy.class);
    }

    @BuildStep
    RequestedRedisClientBuildItem redisClient(ResponseCacheBuildTimeConfig config) {
        return new RequestedRedisClientBuildItem(config.redisClientName().orElse(RedisConfig.DEFAULT_CLIENT_NAME));
    }

    /**
     * Every request to a cached endpoint sends one short command, so a burst of requests queues many commands at once.
     * The Redis client's default wait queue (24) would turn a burst of 31 requests into failures, i.e. bypasses; this
     * deepens it for the client the cache uses, unless the application configures it.
     */
    @BuildStep
    RunTimeConfigurationDefaultBuildItem redisPoolWaitQueue(ResponseCacheBuildTimeConfig config) {
        String client = config.redisClientName().filter(name -> !RedisConfig.isDefaultClient(name))
                .map(name -> "quarkus.redis." + (name.matches("[A-Za-z0-9_-]+") ? name : "\"" + name + "\"") + ".")
                .orElse("quarkus.redis.");
        return new RunTimeConfigurationDefaultBuildItem(client + "max-pool-waiting", "1024");
    }

    @BuildStep
    CachedEndpointsBuildItem resolveCachedEndpoints(CombinedIndexBuildItem index,
            Optional<ResourceScanningResultBuildItem> resources, ResponseCacheBuildTimeConfig config) {
        if (resources.isEmpty()) {
            return CachedEndpointResolver.resolve(index.getIndex(), List.of(), Set.of(), config.maxTags());
        }
        Set<DotName> httpMethods = resources.get().getResult().getHttpAnnotationToMethod().keySet();
        return CachedEndpointResolver.resolve(index.getIndex(),
                resources.get().getResult().getScannedResources().values(), httpMethods, config.maxTags());
    }

    @BuildStep
    MethodScannerBuildItem wireCachedEndpoints(CachedEndpointsBuildItem endpoints, VertxHttpBuildTimeConfig http) {
        return new MethodScannerBuildItem(new ResponseCacheMethodScanner(endpoints, http));
    }

    /**
     * Reports every misuse of {@code @ResponseCache} and {@code @ResponseCacheInvalidate} together, so one build shows
     * them all.
     */
    @BuildStep
    void validate(CachedEndpointsBuildItem endpoints, CombinedIndexBuildItem index,
            Capabilities capabilities, ResponseCacheBuildTimeConfig config, ValidationPhaseBuildItem validationPhase,
            BuildProducer<ValidationErrorBuildItem> errors) {
        List<Throwable> misuses = new ArrayList<>(endpoints.misuses());
        InvalidationTargets targets = InvalidationTargets.of(index.getIndex(),
                EntityTrackingProcessor.tracksEntities(capabilities, config));
        for (AnnotationInstance invalidate : index.getIndex().getAnnotations(RESPONSE_CACHE_INVALIDATE)) {
            MethodInfo method = invalidate.target().asMethod();
            if (EndpointAnnotations.effectiveAnnotation(method, method.declaringClass()) != null) {
                misuses.add(new CacheAndInvalidateException(method));
            }
            targets.check(method, invalidate, misuses);
        }
        if (!misuses.isEmpty()) {
            errors.produce(new ValidationErrorBuildItem(misuses));
        }
    }

    /** The endpoint table, resolved against the runtime configuration (and checking it) at startup. */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    SyntheticBeanBuildItem cachedEndpointTable(CachedEndpointsBuildItem endpoints, ResponseCacheRecorder recorder) {
        return SyntheticBeanBuildItem.configure(CachedEndpoints.class)
                .scope(Singleton.class)
                .unremovable()
                .setRuntimeInit()
                .supplier(recorder.cachedEndpoints(endpoints.endpoints()))
                .done();
    }
}
