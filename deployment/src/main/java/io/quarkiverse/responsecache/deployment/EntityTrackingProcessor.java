package io.quarkiverse.responsecache.deployment;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheBuildTimeConfig;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;

/**
 * Entity tracking, wired only when the application has Hibernate ORM: the beans that record reads and writes and
 * evict after commit. Hibernate ORM finds the integrator that registers the listeners through this extension's service
 * file; without these beans it registers nothing.
 */
class EntityTrackingProcessor {

    private static final String PACKAGE = "io.quarkiverse.responsecache.runtime.orm.";

    static boolean tracksEntities(Capabilities capabilities, ResponseCacheBuildTimeConfig config) {
        return capabilities.isPresent(Capability.HIBERNATE_ORM) && config.hibernateOrm().enabled();
    }

    @BuildStep
    void entityTracking(Capabilities capabilities, ResponseCacheBuildTimeConfig config,
            BuildProducer<ReflectiveClassBuildItem> reflective) {
        if (!tracksEntities(capabilities, config)) {
            return;
        }
        // its beans are named by ExtensionBeans; Hibernate ORM instantiates the integrator reflectively
        reflective.produce(ReflectiveClassBuildItem.builder(PACKAGE + "EntityTrackingIntegrator").build());
    }
}
