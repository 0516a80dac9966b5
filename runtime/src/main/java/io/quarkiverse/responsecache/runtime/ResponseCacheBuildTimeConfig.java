package io.quarkiverse.responsecache.runtime;

import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;

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

    /** Metrics, when a Micrometer extension is present. */
    ObservabilityBuildTimeConfig.Metrics metrics();

    /** The health check, when SmallRye Health is present. */
    ObservabilityBuildTimeConfig.Health health();

    /** The operator endpoints that evict and soft-purge. */
    ObservabilityBuildTimeConfig.Management management();

    /** Entity tracking, when the application has Hibernate ORM. */
    HibernateOrmConfig.Build hibernateOrm();
}
