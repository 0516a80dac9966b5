package io.quarkiverse.responsecache.deployment;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.jboss.jandex.DotName;

import io.quarkiverse.responsecache.runtime.ResponseCacheRecorder;
import io.quarkiverse.responsecache.runtime.config.ResponseCacheBuildTimeConfig;
import io.quarkiverse.responsecache.runtime.explain.EndpointRoutes;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.LaunchModeBuildItem;
import io.quarkus.resteasy.reactive.common.deployment.ResourceScanningResultBuildItem;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.vertx.http.deployment.NonApplicationRootPathBuildItem;
import io.quarkus.vertx.http.deployment.RouteBuildItem;
import io.quarkus.vertx.http.runtime.management.ManagementInterfaceBuildTimeConfig;

/**
 * The operator endpoints that evict, soft-purge and explain, only when
 * {@code quarkus.response-cache.management.enabled=true}: on the management interface when it is enabled, else under
 * the non-application root ({@code /q}). Without the setting they do not exist at all.
 */
class ResponseCacheManagementProcessor {

    static final String EVICT_PATH = "response-cache/evict";
    static final String SOFT_PURGE_PATH = "response-cache/soft-purge";
    static final String EXPLAIN_PATH = "response-cache/explain";

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    void endpointRoutes(ResponseCacheBuildTimeConfig config, LaunchModeBuildItem launchMode,
            CachedEndpointsBuildItem endpoints, CombinedIndexBuildItem index,
            Optional<ResourceScanningResultBuildItem> resources, ResponseCacheRecorder recorder,
            BuildProducer<SyntheticBeanBuildItem> beans) {
        if (!config.management().enabled() && launchMode.getLaunchMode() != LaunchMode.DEVELOPMENT) {
            return;
        }
        Map<DotName, String> classPaths = new HashMap<>();
        resources.ifPresent(found -> {
            classPaths.putAll(found.getResult().getPathInterfaces());
            classPaths.putAll(found.getResult().getScannedResourcePaths());
        });
        beans.produce(SyntheticBeanBuildItem.configure(EndpointRoutes.class).scope(Singleton.class).unremovable()
                .supplier(recorder.endpointRoutes(EndpointRoutePaths.of(endpoints, index.getIndex(), classPaths)))
                .done());
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void purgeRoutes(ResponseCacheBuildTimeConfig config, NonApplicationRootPathBuildItem paths,
            ManagementInterfaceBuildTimeConfig managementInterface, ResponseCacheRecorder recorder,
            BuildProducer<RouteBuildItem> routes) {
        if (!config.management().enabled()) {
            return;
        }
        if (!managementInterface.enabled()) {
            // on the application's own port: said at startup when no HTTP permission covers them
            recorder.warnIfPurgeUnprotected(paths.resolvePath(EVICT_PATH), paths.resolvePath(EXPLAIN_PATH));
        }
        routes.produce(paths.routeBuilder().management().route(EVICT_PATH)
                .handler(recorder.purgeRoute(false)).build());
        routes.produce(paths.routeBuilder().management().route(SOFT_PURGE_PATH)
                .handler(recorder.purgeRoute(true)).build());
        routes.produce(paths.routeBuilder().management().route(EXPLAIN_PATH)
                .handler(recorder.explainRoute()).build());
    }
}
