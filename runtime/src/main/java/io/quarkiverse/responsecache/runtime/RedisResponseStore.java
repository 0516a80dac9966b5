package io.quarkiverse.responsecache.runtime;

import java.time.Duration;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;

/**
 * Stores each response as one Redis string with a TTL: a hit is a single {@code GET}, a store a single
 * {@code SET ... PX}. Locks are {@code SET NX PX} with a token, released by a script that deletes the lock only if the
 * token still holds it. Every command names one key, so it works unchanged on Redis Cluster.
 */
public class RedisResponseStore implements ResponseStore {

    private static final String RELEASE_LOCK = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('del', KEYS[1]) else return 0 end";

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, byte[]> values;

    public RedisResponseStore(ReactiveRedisDataSource redis) {
        this.redis = redis;
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

    @Override
    public Uni<Boolean> tryLock(String lockKey, String token, Duration lease) {
        return redis.execute("SET", lockKey, token, "NX", "PX", Long.toString(Math.max(1, lease.toMillis())))
                .map(reply -> reply != null && "OK".equals(reply.toString()));
    }

    @Override
    public Uni<Void> unlock(String lockKey, String token) {
        return redis.execute("EVAL", RELEASE_LOCK, "1", lockKey, token).replaceWithVoid();
    }
}
