package io.quarkiverse.responsecache.runtime.store.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.quarkiverse.responsecache.spi.EntryMarks;
import io.quarkiverse.responsecache.spi.ResponseStore;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Multi;
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
 * writes it, so caching resumes by itself.
 */
public class RedisResponseStore implements ResponseStore {

    /** KEYS[1] index; ARGV member, time to live (ms). Returns 1, or 2 when it replaced a value of another type. */
    static final RedisScript INDEX = new RedisScript("""
            local kind = redis.call('TYPE', KEYS[1]).ok
            local healed = 1
            if kind ~= 'zset' and kind ~= 'none' then redis.call('DEL', KEYS[1]) healed = 2 end
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local ttl = tonumber(ARGV[2])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            local score = now + ttl
            local current = redis.call('ZSCORE', KEYS[1], ARGV[1])
            if current and tonumber(current) >= score then score = tonumber(current) + 1 end
            redis.call('ZADD', KEYS[1], score, ARGV[1])
            if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
            return healed
            """);
    /** KEYS[1] entry; ARGV placeholder, its time to live (ms). Returns the SHA-1 of what the key holds then. */
    private static final RedisScript CLAIM = new RedisScript("""
            local kind = redis.call('TYPE', KEYS[1]).ok
            if kind == 'string' then return redis.sha1hex(redis.call('GET', KEYS[1])) end
            if kind ~= 'none' then redis.call('DEL', KEYS[1]) end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return redis.sha1hex(ARGV[1])
            """);
    /** KEYS[1] entry; ARGV claim, entry, time to live (ms). Returns 1 when stored, 0 when the key changed. */
    private static final RedisScript PUT_IF_CLAIMED = new RedisScript("""
            if redis.call('TYPE', KEYS[1]).ok ~= 'string' then return 0 end
            if redis.sha1hex(redis.call('GET', KEYS[1])) ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1
            """);
    /**
     * KEYS[1] entry; ARGV fingerprint, entry, longest time to live (ms). Returns 1 when replaced, keeping the key's
     * time to live or cutting it to the longest, 0 when the key changed.
     */
    private static final RedisScript REPLACE_IF_UNCHANGED = new RedisScript("""
            if redis.call('TYPE', KEYS[1]).ok ~= 'string' then return 0 end
            if redis.sha1hex(redis.call('GET', KEYS[1])) ~= ARGV[1] then return 0 end
            local ttl = redis.call('PTTL', KEYS[1])
            local longest = tonumber(ARGV[3])
            if ttl == 0 then return 0 end
            if ttl < 0 or ttl > longest then ttl = longest end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ttl)
            return 1
            """);
    /** KEYS[1] entry; ARGV claim. Deletes the key if it still holds that claim's placeholder. */
    private static final RedisScript RELEASE_CLAIM = new RedisScript("""
            if redis.call('TYPE', KEYS[1]).ok ~= 'string' then return 0 end
            local value = redis.call('GET', KEYS[1])
            if string.sub(value, 1, 11) == 'RC-PENDING ' and redis.sha1hex(value) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """);
    /** KEYS[1] entry; ARGV tombstone, its time to live (ms). Returns 1 when an entry (not a mark) was there. */
    private static final RedisScript TOMBSTONE = new RedisScript("""
            local kind = redis.call('TYPE', KEYS[1]).ok
            local evicted = 0
            if kind == 'string' then
              local head = redis.call('GETRANGE', KEYS[1], 0, 12)
              if string.sub(head, 1, 13) ~= 'RC-TOMBSTONE ' and string.sub(head, 1, 11) ~= 'RC-PENDING ' then
                evicted = 1
              end
            elseif kind ~= 'none' then redis.call('DEL', KEYS[1]) end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return evicted
            """);
    /** KEYS[1] index; ARGV member, score pairs. Removes the members whose score is still the one read. */
    private static final RedisScript REMOVE_UNCHANGED = new RedisScript("""
            local removed = 0
            for i = 1, #ARGV, 2 do
              local score = redis.call('ZSCORE', KEYS[1], ARGV[i])
              if score and tonumber(score) == tonumber(ARGV[i + 1]) then
                removed = removed + redis.call('ZREM', KEYS[1], ARGV[i])
              end
            end
            return removed
            """);
    /** KEYS[1] lock; ARGV token, lease (ms). A lock without a TTL or of another type is garbage: it goes first. */
    private static final RedisScript LOCK = new RedisScript("""
            local kind = redis.call('TYPE', KEYS[1]).ok
            if kind ~= 'none' and (kind ~= 'string' or redis.call('PTTL', KEYS[1]) == -1) then
              redis.call('DEL', KEYS[1])
            end
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
            return 0
            """);
    private static final RedisScript RELEASE_LOCK = new RedisScript("""
            if redis.call('TYPE', KEYS[1]).ok == 'string' and redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """);
    private static final String SCAN_BATCH = "1000";
    private static final int EVICTIONS_IN_FLIGHT = 16;

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, byte[]> values;
    private final RedisIndexedWrites writes;
    private final RedisEvictionPolicyCheck policy = new RedisEvictionPolicyCheck();
    private final String tombstoneMillis = Long.toString(EntryMarks.TOMBSTONE_LIFETIME.toMillis());
    /** On a Redis Cluster, the pipelines to its masters that large evictions use; null on a single Redis. */
    private final ClusterPipelines masters;
    /** Whether evictions are pipelined; off once the client turned out to be a cluster's (see {@link #evictAll}). */
    private volatile boolean pipelinesEvictions = true;

    public RedisResponseStore(ReactiveRedisDataSource redis) {
        this(redis, null);
    }

    /** @param masters on a Redis Cluster, the pipelines to its masters for large evictions; else null */
    public RedisResponseStore(ReactiveRedisDataSource redis, ClusterPipelines masters) {
        this.redis = redis;
        this.values = redis.value(String.class, byte[].class);
        this.masters = masters;
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
        return CLAIM.run(redis.getRedis(), key, placeholder, millis).map(Response::toString);
    }

    /** Stores the entry and, on a single Redis, sets its memberships' scores to its expiry, in one script. */
    @Override
    public Uni<Boolean> putIfClaimed(String key, String claim, byte[] entry, Duration timeToLive,
            Map<String, String> memberships) {
        return writes.putIfClaimed(key, claim, entry, millis(timeToLive), memberships);
    }

    Uni<Boolean> putIfClaimedAlone(String key, String claim, byte[] entry, String millis) {
        return PUT_IF_CLAIMED.run(redis.getRedis(), key, claim, entry, millis).map(stored -> stored.toLong() == 1);
    }

    Uni<Void> setAlone(String key, byte[] entry, String millis) {
        return redis.getRedis().send(Request.cmd(Command.SET).arg(key).arg(entry).arg("PX").arg(millis))
                .replaceWithVoid();
    }

    @Override
    public Uni<Boolean> replaceIfUnchanged(String key, String fingerprint, byte[] entry, Duration atMost) {
        return REPLACE_IF_UNCHANGED.run(redis.getRedis(), key, fingerprint, entry, millis(atMost))
                .map(replaced -> replaced.toLong() == 1);
    }

    @Override
    public Uni<Void> release(String key, String claim) {
        return RELEASE_CLAIM.run(redis.getRedis(), key, claim).replaceWithVoid();
    }

    @Override
    public Uni<Void> index(String index, String member, Duration timeToLive) {
        return indexOne(index, member, millis(timeToLive));
    }

    Uni<Void> indexOne(String index, String member, String millis) {
        return INDEX.run(redis.getRedis(), index, member, millis).invoke(outcome -> {
            if (outcome.toLong() == 2) {
                RedisIndexedWrites.warnReplaced(index);
            }
        }).replaceWithVoid();
    }

    /** Writes a tombstone; under {@code maxmemory} with {@code noeviction} that is refused, so it unlinks instead. */
    @Override
    public Uni<Long> delete(String key) {
        return TOMBSTONE.run(redis.getRedis(), key, EntryMarks.newTombstone(), tombstoneMillis)
                .map(RedisResponseStore::number)
                .onFailure(RedisResponseStore::isOutOfMemory)
                .recoverWithUni(() -> redis.execute("UNLINK", key).map(RedisResponseStore::number));
    }

    @Override
    public Uni<Set<String>> members(String index) {
        return redis.execute("TYPE", index).chain(type -> {
            String command = scanCommand(type.toString());
            return command == null ? Uni.createFrom().item(Set.<String> of())
                    : scan(command, index, "0", new HashSet<>());
        });
    }

    /** @return the command that walks an index of this type: sorted sets, or the plain sets of older versions */
    private static String scanCommand(String type) {
        return switch (type) {
            case "zset" -> "ZSCAN";
            case "set" -> "SSCAN";
            default -> null;
        };
    }

    private Uni<Set<String>> scan(String command, String index, String cursor, Set<String> members) {
        return redis.execute(command, index, cursor, "COUNT", SCAN_BATCH).chain(reply -> {
            Response batch = reply.get(1);
            int step = "ZSCAN".equals(command) ? 2 : 1;
            for (int i = 0; i < batch.size(); i += step) {
                members.add(batch.get(i).toString());
            }
            String next = reply.get(0).toString();
            return "0".equals(next) ? Uni.createFrom().item(members) : scan(command, index, next, members);
        });
    }

    @Override
    public Uni<Long> evictIndex(String index) {
        return redis.execute("TYPE", index).chain(type -> {
            String command = scanCommand(type.toString());
            if (command == null) {
                // nothing, or garbage that lists nothing: the next index write replaces it anyway
                return "none".equals(type.toString()) ? Uni.createFrom().item(0L)
                        : redis.execute("UNLINK", index).replaceWith(0L);
            }
            return evictFrom(command, index, "0", 0);
        });
    }

    /**
     * One scan batch at a time: its members are evicted concurrently, then removed from the index, each only if no
     * computation claimed it again meanwhile (its score changed), since that computation's entry must stay findable.
     */
    private Uni<Long> evictFrom(String command, String index, String cursor, long evicted) {
        return redis.execute(command, index, cursor, "COUNT", SCAN_BATCH).chain(reply -> {
            String next = reply.get(0).toString();
            Response batch = reply.get(1);
            boolean scored = "ZSCAN".equals(command);
            List<String> members = new ArrayList<>();
            List<String> memberScores = new ArrayList<>();
            for (int i = 0; i < batch.size(); i += scored ? 2 : 1) {
                members.add(batch.get(i).toString());
                if (scored) {
                    memberScores.add(batch.get(i).toString());
                    memberScores.add(batch.get(i + 1).toString());
                }
            }
            Uni<Long> evictedNow = members.isEmpty() ? Uni.createFrom().item(0L)
                    : evictAll(members).call(() -> scored
                            ? REMOVE_UNCHANGED.run(redis.getRedis(), index, memberScores.toArray())
                            : legacyRemove(index, members));
            return evictedNow.chain(count -> "0".equals(next) ? Uni.createFrom().item(evicted + count)
                    : evictFrom(command, index, next, evicted + count));
        });
    }

    /** An index of an older version (a plain set): its members go with it; the next index write recreates it. */
    private Uni<Response> legacyRemove(String index, List<String> members) {
        List<String> arguments = new ArrayList<>(members.size() + 1);
        arguments.add(index);
        arguments.addAll(members);
        return redis.execute("SREM", arguments.toArray(String[]::new));
    }

    /**
     * Evicts a scan batch. On a single Redis its tombstones go out as one pipelined batch: one script per key still,
     * but one round trip and one connection for the whole scan batch, so a 100,000-entry tag fits the eviction budget
     * and leaves the pool to the requests. On a Redis Cluster, one such batch per master ({@link ClusterPipelines}). A
     * cluster's client refuses a batch whose keys span hash slots (before sending anything): a store given no
     * pipelines to the masters evicts key by key from the first refusal on.
     */
    private Uni<Long> evictAll(List<String> keys) {
        if (masters != null && keys.size() >= ClusterPipelines.MIN_KEYS) {
            return evictOnMasters(keys);
        }
        if (masters != null || !pipelinesEvictions || keys.size() == 1) {
            return evictEach(keys);
        }
        return pipelined(redis.getRedis(), keys).onFailure().recoverWithUni(failure -> {
            if (isCrossSlot(failure)) {
                pipelinesEvictions = false;
            }
            // on a cluster; or one tombstone failed (the script flushed meanwhile, a full Redis under noeviction): key
            // by key, each with its own fallback
            return evictEach(keys);
        });
    }

    /**
     * One pipelined batch per master, all at once. A master's batch that fails (a key's slot moved: {@code MOVED}; a
     * full master; a lost connection) is done again key by key through the cluster's client, and so is everything
     * when the topology cannot be read.
     */
    private Uni<Long> evictOnMasters(List<String> keys) {
        return masters.split(keys)
                .onFailure().recoverWithItem(() -> List.of(new ClusterPipelines.Share(null, keys)))
                .chain(shares -> {
                    List<Uni<Long>> evictions = new ArrayList<>(shares.size());
                    for (ClusterPipelines.Share share : shares) {
                        evictions.add(share.master() == null ? evictEach(share.keys())
                                : pipelined(share.master(), share.keys())
                                        .onFailure().recoverWithUni(() -> evictEach(share.keys())));
                    }
                    return Uni.join().all(evictions).andFailFast()
                            .map(counts -> counts.stream().mapToLong(Long::longValue).sum());
                });
    }

    /** @return how many entries the tombstones replaced, sent as one pipelined batch over {@code target} */
    private Uni<Long> pipelined(Redis target, List<String> keys) {
        return TOMBSTONE.load(target)
                .chain(() -> TOMBSTONE.runEach(target, keys,
                        key -> new Object[] { EntryMarks.newTombstone(), tombstoneMillis }))
                .map(replies -> {
                    long evicted = 0;
                    for (Response reply : replies) {
                        evicted += number(reply);
                    }
                    return evicted;
                });
    }

    /** Evicts key by key, a bounded number of commands in flight so a large batch does not flood the client's pool. */
    private Uni<Long> evictEach(List<String> keys) {
        return Multi.createFrom().iterable(keys)
                .onItem().transformToUni(this::delete).merge(EVICTIONS_IN_FLIGHT)
                .collect().with(Collectors.summingLong(Long::longValue));
    }

    private static boolean isCrossSlot(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().contains("CROSSSLOT");
    }

    @Override
    public Uni<Boolean> tryLock(String lockKey, String token, Duration lease) {
        return LOCK.run(redis.getRedis(), lockKey, token, millis(lease)).map(taken -> taken.toLong() == 1);
    }

    @Override
    public Uni<Void> unlock(String lockKey, String token) {
        return RELEASE_LOCK.run(redis.getRedis(), lockKey, token).replaceWithVoid();
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

    private static long number(Response reply) {
        return reply == null ? 0 : reply.toLong();
    }

    @Override
    public String tier() {
        return "redis";
    }
}
