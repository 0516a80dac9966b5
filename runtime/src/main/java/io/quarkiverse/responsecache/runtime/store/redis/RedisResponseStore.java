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
 * Stores each response as one Redis string with a TTL: a hit is a single {@code GET}.
 * <p>
 * Indexes are sorted sets whose scores say until when (Redis server time, ms) each member may hold an entry: a claim
 * writes the entry's time to live plus a grace, the store the entry's own expiry ({@link RedisIndexedWrites}, which
 * also sends all of an entry's memberships in one round trip per node). Every claim first drops the members whose time
 * is over ({@code ZREMRANGEBYSCORE}), so an index stays about as large as the live entries it lists, and extends the
 * set's own TTL to its longest member.
 * <p>
 * Read-your-writes: a computation first claims its key ({@link #claim}: joins its indexes, puts a placeholder in an
 * empty key and returns the SHA-1 of what the key holds); an eviction overwrites each entry with a unique, short-lived
 * tombstone; the computation's store is a script that writes the entry only if the key's SHA-1 is still its claim.
 * <p>
 * Every command and script names exactly one key, so everything works unchanged on Redis Cluster. Any key of the
 * prefix that holds a type it should not (garbage, an index of an older version) is deleted by the next script that
 * writes it, so caching resumes by itself. The scripts are in {@link RedisScripts}; evictions of whole indexes in
 * {@link RedisIndexEvictions}.
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

    /** @param masters on a Redis Cluster, the pipelines to its masters for large evictions; else null */
    public RedisResponseStore(ReactiveRedisDataSource redis, ClusterPipelines masters) {
        this.redis = redis;
        this.values = redis.value(String.class, byte[].class);
        this.evictions = new RedisIndexEvictions(redis, this, masters);
        this.writes = new RedisIndexedWrites(redis.getRedis(), masters, this);
    }

    @Override
    public Uni<byte[]> get(String key) {
        // a key of another type under the prefix is not an entry: a miss, which the next claim overwrites
        return values.get(key).onFailure(RedisResponseStore::isWrongType).recoverWithNull();
    }

    private static boolean isWrongType(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("WRONGTYPE");
    }

    private static boolean isOutOfMemory(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().contains("OOM");
    }

    /** An unconditional store (what a computation without a claim does): the entry and its memberships. */
    @Override
    public Uni<Void> put(String key, byte[] entry, Duration timeToLive, Map<String, String> memberships) {
        return writes.put(key, entry, millis(timeToLive), memberships);
    }

    /**
     * The claim and its index memberships ({@link RedisIndexedWrites}): on a single Redis one atomic script; on a
     * cluster the claim first, its memberships once it landed, never the other way round or together: an eviction
     * scans an index, tombstones what it found, then removes those members whose score did not change. A membership
     * written before that scan with a claim landing after the tombstone (the index and the entry live on different
     * nodes) would let the claim store its entry and the eviction then remove its membership: an entry no later
     * eviction finds. Written after the claim, a membership the scan saw means the tombstone followed the claim and
     * refuses its store; one the scan did not see changes the score, or lands after the removal, and stays.
     */
    @Override
    public Uni<String> claim(String key, Duration timeToLive, Map<String, String> memberships) {
        return writes.claim(key, EntryMarks.newPlaceholder(), millis(timeToLive),
                millis(timeToLive.plus(EntryMarks.MEMBERSHIP_GRACE)), memberships);
    }

    /** The claim alone, on the entry's node; its memberships follow. */
    Uni<String> claimAlone(String key, byte[] placeholder, String millis) {
        return RedisScripts.CLAIM.run(redis.getRedis(), key, placeholder, millis).map(Response::toString);
    }

    /** Stores the entry and, on a single Redis, sets its memberships' scores to its expiry, in one script. */
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

    /** Writes a tombstone; under {@code maxmemory} with {@code noeviction} that is refused, so it unlinks instead. */
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

    /** Reads the eviction policy again: it may have changed at run time ({@link RedisEvictionPolicyCheck}). */
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
