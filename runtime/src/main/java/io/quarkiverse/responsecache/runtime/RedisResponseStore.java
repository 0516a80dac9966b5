package io.quarkiverse.responsecache.runtime;

import java.time.Duration;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;

/**
 * Stores each response as one Redis string with a TTL: a hit is a single {@code GET}, a store a single
 * {@code SET ... PX}.
 */
public class RedisResponseStore implements ResponseStore {

    private final ReactiveValueCommands<String, byte[]> values;

    public RedisResponseStore(ReactiveRedisDataSource redis) {
        this.values = redis.value(String.class, byte[].class);
    }

    @Override
    public Uni<byte[]> get(String key) {
        return values.get(key);
    }

    @Override
    public Uni<Void> put(String key, byte[] entry, Duration timeToLive) {
        return values.set(key, entry, new SetArgs().px(Math.max(1, timeToLive.toMillis())));
    }
}
