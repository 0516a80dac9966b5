package io.quarkiverse.responsecache.runtime.store.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.quarkiverse.responsecache.runtime.store.ResponseStore;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Stores each response as one Redis string with a TTL: a hit is a single {@code GET}, a store a single
 * {@code SET ... PX} plus one small script per index, off the request path.
 * <p>
 * Indexes are Redis sets. Adding to one also extends its TTL to the member's when that is longer, so an index never
 * outlives its last member for long and never expires before it. Eviction walks an index with {@code SSCAN} and
 * unlinks its members one key per command, because on Redis Cluster the members live in different slots, where a
 * multi-key {@code UNLINK} would be refused. Locks are {@code SET NX PX} with a token, released by a script that
 * deletes the lock only if the token still holds it. No command here is {@code KEYS}, and each names one key (or,
 * for the scripts, declares its one key), so everything works unchanged on Redis Cluster.
 */
public class RedisResponseStore implements ResponseStore {

    private static final String ADD_TO_INDEX = "redis.call('SADD', KEYS[1], ARGV[1]) "
            + "if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end "
            + "return 1";
    private static final String RELEASE_LOCK = "if redis.call('GET', KEYS[1]) == ARGV[1] then "
            + "return redis.call('DEL', KEYS[1]) else return 0 end";
    private static final String SCAN_BATCH = "1000";
    private static final int UNLINKS_IN_FLIGHT = 16;

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, byte[]> values;

    public RedisResponseStore(ReactiveRedisDataSource redis) {
        this.redis = redis;
        this.values = redis.value(String.class, byte[].class);
    }

    @Override
    public Uni<byte[]> get(String key) {
        // a key of another type under the prefix is not an entry: a miss, which the next store overwrites
        return values.get(key).onFailure(RedisResponseStore::isWrongType).recoverWithNull();
    }

    private static boolean isWrongType(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("WRONGTYPE");
    }

    /**
     * Indexes first, entry second: should indexing fail, no entry exists that its tags or namespace could not evict.
     * (The reverse failure leaves an index member without an entry, which eviction skips.)
     */
    @Override
    public Uni<Void> put(String key, byte[] entry, Duration timeToLive, Map<String, String> memberships) {
        String millis = Long.toString(Math.max(1, timeToLive.toMillis()));
        List<Uni<Void>> indexing = new ArrayList<>(memberships.size());
        for (Map.Entry<String, String> membership : memberships.entrySet()) {
            indexing.add(redis.execute("EVAL", ADD_TO_INDEX, "1", membership.getKey(), membership.getValue(), millis)
                    .replaceWithVoid());
        }
        Uni<Void> indexed = indexing.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(indexing).andFailFast().replaceWithVoid();
        return indexed.chain(() -> values.set(key, entry, new SetArgs().px(Math.max(1, timeToLive.toMillis()))));
    }

    @Override
    public Uni<Long> delete(String key) {
        return redis.execute("UNLINK", key).map(RedisResponseStore::number);
    }

    @Override
    public Uni<Set<String>> members(String index) {
        return scan(index, "0", new HashSet<>());
    }

    private Uni<Set<String>> scan(String index, String cursor, Set<String> members) {
        return redis.execute("SSCAN", index, cursor, "COUNT", SCAN_BATCH).chain(reply -> {
            for (Response member : reply.get(1)) {
                members.add(member.toString());
            }
            String next = reply.get(0).toString();
            return "0".equals(next) ? Uni.createFrom().item(members) : scan(index, next, members);
        });
    }

    @Override
    public Uni<Long> evictIndex(String index) {
        return evictFrom(index, "0", 0);
    }

    /** One SSCAN batch at a time: its members are unlinked concurrently, then removed from the index. */
    private Uni<Long> evictFrom(String index, String cursor, long evicted) {
        return redis.execute("SSCAN", index, cursor, "COUNT", SCAN_BATCH).chain(reply -> {
            String next = reply.get(0).toString();
            List<String> members = new ArrayList<>();
            for (Response member : reply.get(1)) {
                members.add(member.toString());
            }
            Uni<Long> batch = members.isEmpty() ? Uni.createFrom().item(0L)
                    : unlinkAll(members)
                            .call(() -> {
                                List<String> arguments = new ArrayList<>(members.size() + 1);
                                arguments.add(index);
                                arguments.addAll(members);
                                return redis.execute("SREM", arguments.toArray(String[]::new));
                            });
            return batch.chain(count -> "0".equals(next) ? Uni.createFrom().item(evicted + count)
                    : evictFrom(index, next, evicted + count));
        });
    }

    /** Unlinks a batch, a bounded number of commands in flight so a large batch does not flood the client's pool. */
    private Uni<Long> unlinkAll(List<String> keys) {
        return Multi.createFrom().iterable(keys)
                .onItem().transformToUni(this::delete).merge(UNLINKS_IN_FLIGHT)
                .collect().with(Collectors.summingLong(Long::longValue));
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

    @Override
    public Uni<Void> warmUp() {
        return redis.execute("PING").replaceWithVoid();
    }

    private static long number(Response reply) {
        return reply == null ? 0 : reply.toLong();
    }

    @Override
    public String tier() {
        return "redis";
    }
}
