package io.quarkiverse.responsecache.runtime.config;

import io.smallrye.config.WithDefault;

/** Entity tracking: invalidation without annotations, when the application has Hibernate ORM. */
public interface HibernateOrmConfig {

    /** Fixed at build time. */
    interface Build {

        /**
         * Whether the responses of cached endpoints are tagged with the entities they read through Hibernate ORM, and
         * evicted when a transaction that wrote those entities commits. Only when the application has Hibernate ORM;
         * an endpoint opts out with {@code @ResponseCache(trackEntities = false)}.
         */
        @WithDefault("true")
        boolean enabled();
    }

    /**
     * How many rows read by id one entry is tagged with, at most. Beyond that, the entry is tagged with the types of
     * those rows instead, so that any write of those types evicts it: a page that reads thousands of rows does not
     * write thousands of index memberships.
     */
    @WithDefault("100")
    int maxRows();
}
