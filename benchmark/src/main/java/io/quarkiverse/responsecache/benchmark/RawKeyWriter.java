package io.quarkiverse.responsecache.benchmark;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.StartupEvent;

/**
 * Writes the value {@code redis-get} reads, so that endpoint answers the same body as the others.
 */
@Singleton
class RawKeyWriter {

    void write(@Observes StartupEvent event, RedisDataSource redis) {
        redis.value(String.class, String.class).set(Bodies.RAW_KEY, Bodies.SMALL);
    }
}
