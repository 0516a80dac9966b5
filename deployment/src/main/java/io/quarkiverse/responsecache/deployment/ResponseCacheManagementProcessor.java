package io.quarkiverse.responsecache.deployment;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheBuildTimeConfig;
import io.quarkiverse.responsecache.runtime.ResponseCacheRecorder;
import io.quarkiverse.responsecache.runtime.management.PurgeTargetCheck;
import io.quarkiverse.responsecache.runtime.management.ResponseCachePurge;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.IsLocalDevelopment;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.vertx.http.deployment.NonApplicationRootPathBuildItem;
import io.quarkus.vertx.http.deployment.RouteBuildItem;
import io.quarkus.vertx.http.runtime.management.ManagementInterfaceBuildTimeConfig;

/**
 * The operator endpoints that evict and soft-purge, only when {@code quarkus.response-cache.management.enabled=true}:
 * on the management interface when it is enabled, else under the non-application root ({@code /q}). Without the
 * setting they do not exist at all.
 */
class ResponseCacheManagementProcessor {

    static final String EVICT_PATH = "response-cache/evict";
    static final String SOFT_PURGE_PATH = "response-cache/soft-purge";

    @BuildStep
    void purgeBean(ResponseCacheBuildTimeConfig config, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (config.management().enabled()) {
            beans.produce(purgeBeans());
        }
    }

    /** The Dev UI offers the same actions in dev mode, whether or not the endpoints are enabled. */
    @BuildStep(onlyIf = IsLocalDevelopment.class)
    AdditionalBeanBuildItem purgeBeanForDevUi() {
        return purgeBeans();
    }

    private static AdditionalBeanBuildItem purgeBeans() {
        return AdditionalBeanBuildItem.builder().addBeanClasses(ResponseCachePurge.class, PurgeTargetCheck.class)
                .setUnremovable().build();
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
            recorder.warnIfPurgeUnprotected(paths.resolvePath(EVICT_PATH));
        }
        routes.produce(paths.routeBuilder().management().route(EVICT_PATH)
                .handler(recorder.purgeRoute(false)).build());
        routes.produce(paths.routeBuilder().management().route(SOFT_PURGE_PATH)
                .handler(recorder.purgeRoute(true)).build());
    }
}
