package io.quarkiverse.responsecache.benchmark;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.StartupEvent;

/**
 * Writes the values {@code redis-get} and the {@code -64k} raw reads get, so they answer the same bodies as the others.
 */
@Singleton
class RawKeyWriter {

    void write(@Observes StartupEvent event, RedisDataSource redis) {
        redis.value(String.class, String.class).set(Bodies.RAW_KEY, Bodies.SMALL);
        redis.value(String.class, byte[].class).set(Bodies.RAW_LARGE_KEY, Bodies.LARGE);
    }
}
