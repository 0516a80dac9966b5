package io.quarkiverse.responsecache.runtime.store.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;

/**
 * The writes that carry an entry's index memberships (the claim, the store): one round trip per node however many
 * tags, one atomic script on a single Redis. See architecture.adoc, section "The Redis store".
 */
final class RedisIndexedWrites {

    private static final Logger LOG = Logger.getLogger(RedisResponseStore.class);

    /** The index part of the scripts: ARGV[first + i - 2] is the member of KEYS[i]; returns the indexes it replaced. */
    private static final String INDEX_ALL = """
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local healed = {}
            for i = 2, #KEYS do
              local kind = redis.call('TYPE', KEYS[i]).ok
              if kind ~= 'zset' and kind ~= 'none' then redis.call('DEL', KEYS[i]) healed[#healed + 1] = KEYS[i] end
              local member = ARGV[first + i - 2]
              local score = now + ttl
              redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now)
              if raise then
                local current = redis.call('ZSCORE', KEYS[i], member)
                if current and tonumber(current) >= score then score = tonumber(current) + 1 end
              end
              redis.call('ZADD', KEYS[i], score, member)
              if raise then
                if redis.call('PTTL', KEYS[i]) < ttl then redis.call('PEXPIRE', KEYS[i], ttl) end
              else
                local last = redis.call('ZRANGE', KEYS[i], -1, -1, 'WITHSCORES')
                redis.call('PEXPIRE', KEYS[i], math.max(ttl, tonumber(last[2]) - now))
              end
            end
            """;
    /** KEYS[1] entry, KEYS[2..] indexes; ARGV placeholder, its TTL (ms), the memberships' (ms), the members. */
    static final RedisScript CLAIM = new RedisScript("""
            local claim
            local kind = redis.call('TYPE', KEYS[1]).ok
            if kind == 'string' then
              claim = redis.sha1hex(redis.call('GET', KEYS[1]))
            else
              if kind ~= 'none' then redis.call('DEL', KEYS[1]) end
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              claim = redis.sha1hex(ARGV[1])
            end
            local ttl = tonumber(ARGV[3])
            local first = 4
            local raise = true
            """ + INDEX_ALL + """
            table.insert(healed, 1, claim)
            return healed
            """);
    /** KEYS[1] entry, KEYS[2..] indexes; ARGV claim, entry, TTL (ms), the members. Returns 1 when stored. */
    static final RedisScript PUT_IF_CLAIMED = new RedisScript("""
            if redis.call('TYPE', KEYS[1]).ok ~= 'string' then return 0 end
            if redis.sha1hex(redis.call('GET', KEYS[1])) ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            local ttl = tonumber(ARGV[3]) + 1000
            local first = 4
            local raise = false
            """ + INDEX_ALL + """
            return 1
            """);
    /** KEYS[1] entry, KEYS[2..] indexes; ARGV entry, time to live (ms), the members. An unconditional store. */
    static final RedisScript PUT = new RedisScript("""
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            local ttl = tonumber(ARGV[2])
            local first = 3
            local raise = true
            """ + INDEX_ALL + """
            return 1
            """);

    private final Redis redis;
    private final ClusterPipelines masters;
    private final RedisResponseStore store;
    /** Not on a cluster; found out at the first refusal if not told. */
    private volatile boolean multiKey;

    RedisIndexedWrites(Redis redis, ClusterPipelines masters, RedisResponseStore store) {
        this.redis = redis;
        this.masters = masters;
        this.store = store;
        this.multiKey = masters == null;
    }

    /** @return the SHA-1 of what the key holds once claimed */
    Uni<String> claim(String key, byte[] placeholder, String millis, String membershipMillis,
            Map<String, String> memberships) {
        if (!multiKey) {
            return store.claimAlone(key, placeholder, millis)
                    .call(() -> indexEach(memberships, membershipMillis));
        }
        return runMultiKey(CLAIM, key, memberships, placeholder, millis, membershipMillis).map(reply -> {
            for (int i = 1; i < reply.size(); i++) {
                warnReplaced(reply.get(i).toString());
            }
            return reply.get(0).toString();
        }).onFailure(RedisIndexedWrites::isCrossSlot).recoverWithUni(() -> {
            multiKey = false;
            return claim(key, placeholder, millis, membershipMillis, memberships);
        });
    }

    Uni<Boolean> putIfClaimed(String key, String claim, byte[] entry, String millis, Map<String, String> memberships) {
        if (!multiKey) {
            return store.putIfClaimedAlone(key, claim, entry, millis);
        }
        return runMultiKey(PUT_IF_CLAIMED, key, memberships, claim, entry, millis).map(reply -> reply.toLong() == 1)
                .onFailure(RedisIndexedWrites::isCrossSlot).recoverWithUni(() -> {
                    multiKey = false;
                    return putIfClaimed(key, claim, entry, millis, memberships);
                });
    }

    Uni<Void> put(String key, byte[] entry, String millis, Map<String, String> memberships) {
        if (!multiKey) {
            return indexEach(memberships, millis).chain(() -> store.setAlone(key, entry, millis));
        }
        return runMultiKey(PUT, key, memberships, entry, millis).replaceWithVoid()
                .onFailure(RedisIndexedWrites::isCrossSlot).recoverWithUni(() -> {
                    multiKey = false;
                    return put(key, entry, millis, memberships);
                });
    }

    private Uni<Response> runMultiKey(RedisScript script, String key, Map<String, String> memberships,
            Object... arguments) {
        List<String> keys = new ArrayList<>(memberships.size() + 1);
        List<Object> all = new ArrayList<>(arguments.length + memberships.size());
        keys.add(key);
        all.addAll(List.of(arguments));
        memberships.forEach((index, member) -> {
            keys.add(index);
            all.add(member);
        });
        return script.run(redis, keys, all.toArray());
    }

    /** A master whose pipelined batch fails falls back to one script per membership, through the cluster's client. */
    private Uni<Void> indexEach(Map<String, String> memberships, String millis) {
        if (memberships.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> indexes = new ArrayList<>(memberships.keySet());
        if (masters == null || indexes.size() == 1) {
            return one(indexes, memberships, millis);
        }
        return masters.split(indexes)
                .onFailure().recoverWithItem(() -> List.of(new ClusterPipelines.Share(null, indexes)))
                .chain(shares -> {
                    List<Uni<Void>> writes = new ArrayList<>(shares.size());
                    for (ClusterPipelines.Share share : shares) {
                        writes.add(share.master() == null ? one(share.keys(), memberships, millis)
                                : RedisScripts.INDEX.runEachLoaded(share.master(), share.keys(),
                                        index -> new Object[] { memberships.get(index), millis })
                                        .invoke(replies -> replies.forEach(this::warnIfReplaced))
                                        .replaceWithVoid()
                                        .onFailure().recoverWithUni(() -> one(share.keys(), memberships, millis)));
                    }
                    return Uni.join().all(writes).andFailFast().replaceWithVoid();
                });
    }

    private Uni<Void> one(List<String> indexes, Map<String, String> memberships, String millis) {
        List<Uni<Void>> writes = new ArrayList<>(indexes.size());
        for (String index : indexes) {
            writes.add(store.indexOne(index, memberships.get(index), millis));
        }
        return Uni.join().all(writes).andFailFast().replaceWithVoid();
    }

    private void warnIfReplaced(Response outcome) {
        if (outcome != null && outcome.toLong() == 2) {
            warnReplaced("an index");
        }
    }

    static void warnReplaced(String index) {
        LOG.warnf("Response cache: %s held a value that is not an index (written by something else under the"
                + " prefix?); replaced it with a new index. Evictions could not find the entries it listed,"
                + " which live until they expire", index);
    }

    private static boolean isCrossSlot(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().contains("CROSSSLOT");
    }
}
