package io.quarkiverse.responsecache.runtime.store.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/** The Redis store's counters (see {@code ResponseStore#increment}), each one string key; garbage there is replaced. */
final class RedisCounters {

    /** KEYS[1] counter. Returns its new value; a value that is not a number starts again from 1. */
    private static final RedisScript INCREMENT = new RedisScript("""
            local kind = redis.call('TYPE', KEYS[1]).ok
            if kind ~= 'none' and (kind ~= 'string' or not tonumber(redis.call('GET', KEYS[1]))) then
              redis.call('DEL', KEYS[1])
            end
            return redis.call('INCR', KEYS[1])
            """);
    /** KEYS[1] counter; ARGV value, time to live (ms). Keeps the greater value and the longer time to live. */
    private static final RedisScript RAISE = new RedisScript("""
            local kind = redis.call('TYPE', KEYS[1]).ok
            local current = 0
            if kind == 'string' then current = tonumber(redis.call('GET', KEYS[1])) or 0
            elseif kind ~= 'none' then redis.call('DEL', KEYS[1]) end
            local ttl = tonumber(ARGV[2])
            if tonumber(ARGV[1]) > current then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
            elseif redis.call('PTTL', KEYS[1]) < ttl then
              redis.call('PEXPIRE', KEYS[1], ttl)
            end
            return 1
            """);

    private RedisCounters() {
    }

    static Uni<Long> increment(Redis redis, String key) {
        return INCREMENT.run(redis, key).map(response -> response.toLong());
    }

    static Uni<Void> raise(Redis redis, String key, long value, Duration timeToLive) {
        return RAISE.run(redis, key, Long.toString(value), Long.toString(timeToLive.toMillis())).replaceWithVoid();
    }

    /** One {@code GET} per counter, sent together: each names one key, as Redis Cluster needs. */
    static Uni<List<Long>> read(Redis redis, List<String> keys) {
        List<Uni<Long>> reads = new ArrayList<>(keys.size());
        for (String key : keys) {
            reads.add(redis.send(Request.cmd(Command.GET).arg(key))
                    .map(value -> value == null ? null : value.toBytes())
                    .map(RedisCounters::parse)
                    // a key of another type is garbage: not a number
                    .onFailure().recoverWithItem(Long.MAX_VALUE));
        }
        return reads.isEmpty() ? Uni.createFrom().item(List.of()) : Uni.join().all(reads).andFailFast();
    }

    private static long parse(byte[] value) {
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(new String(value, StandardCharsets.US_ASCII));
        } catch (NumberFormatException garbage) {
            return Long.MAX_VALUE;
        }
    }
}
