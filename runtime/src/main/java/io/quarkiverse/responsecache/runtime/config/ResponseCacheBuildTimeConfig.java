package io.quarkiverse.responsecache.runtime.config;

import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Configuration of the response cache that is fixed when the application is built.
 */
@ConfigMapping(prefix = "quarkus.response-cache")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface ResponseCacheBuildTimeConfig {

    /**
     * The name of the Redis client that stores the responses, as configured with
     * {@code quarkus.redis.<client-name>.hosts}. The default Redis client when not set.
     */
    Optional<String> redisClientName();

    /**
     * The most tags one {@code @ResponseCache} may name. Each tag is one more index an entry joins, written with every
     * miss, so a longer list fails the build. Should an entry still render more tags at run time, it is stored under
     * its namespace only (evicted by namespace, URL or key, not by tag), with a {@code WARN} once per endpoint.
     */
    @WithDefault("32")
    int maxTags();

    /** Metrics, when a Micrometer extension is present. */
    ObservabilityBuildTimeConfig.Metrics metrics();

    /** The health check, when SmallRye Health is present. */
    ObservabilityBuildTimeConfig.Health health();

    /** The operator endpoints that evict, soft-purge and explain. */
    ObservabilityBuildTimeConfig.Management management();

    /** Entity tracking, when the application has Hibernate ORM. */
    HibernateOrmConfig.Build hibernateOrm();
}
