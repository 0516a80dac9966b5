package io.quarkiverse.responsecache.runtime.store.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkiverse.responsecache.spi.EntryMarks;
import io.quarkiverse.responsecache.spi.ResponseStore;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Each response is one Redis string with a TTL, so a hit is a single {@code GET}; indexes are sorted sets. Every
 * command names one key, so it works unchanged on Redis Cluster. See architecture.adoc, section "The Redis store".
 */
public class RedisResponseStore implements ResponseStore {

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, byte[]> values;
    private final RedisIndexedWrites writes;
    private final RedisEvictionPolicyCheck policy = new RedisEvictionPolicyCheck();
    private final String tombstoneMillis = Long.toString(EntryMarks.TOMBSTONE_LIFETIME.toMillis());
    private final RedisIndexEvictions evictions;

    public RedisResponseStore(ReactiveRedisDataSource redis) {
        this(redis, null);
    }

    /** @param masters null unless on a Redis Cluster */
    public RedisResponseStore(ReactiveRedisDataSource redis, ClusterPipelines masters) {
        this.redis = redis;
        this.values = redis.value(String.class, byte[].class);
        this.evictions = new RedisIndexEvictions(redis, this, masters);
        this.writes = new RedisIndexedWrites(redis.getRedis(), masters, this);
    }

    @Override
    public Uni<byte[]> get(String key) {
        // a key of another type under the prefix is a miss, which the next claim overwrites
        return values.get(key).onFailure(RedisResponseStore::isWrongType).recoverWithNull();
    }

    private static boolean isWrongType(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("WRONGTYPE");
    }

    private static boolean isOutOfMemory(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().contains("OOM");
    }

    @Override
    public Uni<Void> put(String key, byte[] entry, Duration timeToLive, Map<String, String> memberships) {
        return writes.put(key, entry, millis(timeToLive), memberships);
    }

    /** The claim before its memberships on a cluster: see architecture.adoc, section "The Redis store". */
    @Override
    public Uni<String> claim(String key, Duration timeToLive, Map<String, String> memberships) {
        return writes.claim(key, EntryMarks.newPlaceholder(), millis(timeToLive),
                millis(timeToLive.plus(EntryMarks.MEMBERSHIP_GRACE)), memberships);
    }

    Uni<String> claimAlone(String key, byte[] placeholder, String millis) {
        return RedisScripts.CLAIM.run(redis.getRedis(), key, placeholder, millis).map(Response::toString);
    }

    @Override
    public Uni<Boolean> putIfClaimed(String key, String claim, byte[] entry, Duration timeToLive,
            Map<String, String> memberships) {
        return writes.putIfClaimed(key, claim, entry, millis(timeToLive), memberships);
    }

    Uni<Boolean> putIfClaimedAlone(String key, String claim, byte[] entry, String millis) {
        return RedisScripts.PUT_IF_CLAIMED.run(redis.getRedis(), key, claim, entry, millis).map(stored -> stored.toLong() == 1);
    }

    Uni<Void> setAlone(String key, byte[] entry, String millis) {
        return redis.getRedis().send(Request.cmd(Command.SET).arg(key).arg(entry).arg("PX").arg(millis))
                .replaceWithVoid();
    }

    @Override
    public Uni<Boolean> replaceIfUnchanged(String key, String fingerprint, byte[] entry, Duration atMost) {
        return RedisScripts.REPLACE_IF_UNCHANGED.run(redis.getRedis(), key, fingerprint, entry, millis(atMost))
                .map(replaced -> replaced.toLong() == 1);
    }

    @Override
    public Uni<Void> release(String key, String claim) {
        return RedisScripts.RELEASE_CLAIM.run(redis.getRedis(), key, claim).replaceWithVoid();
    }

    @Override
    public Uni<Void> index(String index, String member, Duration timeToLive) {
        return indexOne(index, member, millis(timeToLive));
    }

    Uni<Void> indexOne(String index, String member, String millis) {
        return RedisScripts.INDEX.run(redis.getRedis(), index, member, millis).invoke(outcome -> {
            if (outcome.toLong() == 2) {
                RedisIndexedWrites.warnReplaced(index);
            }
        }).replaceWithVoid();
    }

    /** Under {@code maxmemory} with {@code noeviction} a tombstone is refused, so it unlinks instead. */
    @Override
    public Uni<Long> delete(String key) {
        return RedisScripts.TOMBSTONE.run(redis.getRedis(), key, EntryMarks.newTombstone(), tombstoneMillis)
                .map(RedisResponseStore::number)
                .onFailure(RedisResponseStore::isOutOfMemory)
                .recoverWithUni(() -> redis.execute("UNLINK", key).map(RedisResponseStore::number));
    }

    @Override
    public Uni<Set<String>> members(String index) {
        return evictions.members(index);
    }

    @Override
    public Uni<Long> evictIndex(String index) {
        return evictions.evictIndex(index);
    }

    @Override
    public Uni<Boolean> tryLock(String lockKey, String token, Duration lease) {
        return RedisScripts.LOCK.run(redis.getRedis(), lockKey, token, millis(lease)).map(taken -> taken.toLong() == 1);
    }

    @Override
    public Uni<Void> unlock(String lockKey, String token) {
        return RedisScripts.RELEASE_LOCK.run(redis.getRedis(), lockKey, token).replaceWithVoid();
    }

    @Override
    public Uni<Long> increment(String key) {
        return RedisCounters.increment(redis.getRedis(), key);
    }

    @Override
    public Uni<Void> raise(String key, long value, Duration timeToLive) {
        return RedisCounters.raise(redis.getRedis(), key, value, timeToLive);
    }

    @Override
    public Uni<List<Long>> counters(List<String> keys) {
        return RedisCounters.read(redis.getRedis(), keys);
    }

    @Override
    public Uni<Void> warmUp() {
        return redis.execute("PING").replaceWithVoid().invoke(() -> policy.check(redis));
    }

    /** The eviction policy may have changed at run time. */
    @Override
    public void checkConfiguration() {
        policy.check(redis);
    }

    private static String millis(Duration duration) {
        return Long.toString(Math.max(1, duration.toMillis()));
    }

    static long number(Response reply) {
        return reply == null ? 0 : reply.toLong();
    }

    @Override
    public String tier() {
        return "redis";
    }
}
