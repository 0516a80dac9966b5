package io.quarkiverse.responsecache.runtime.store.redis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.quarkiverse.responsecache.spi.EntryMarks;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;

/**
 * Evicts what an index lists, a scan batch at a time. See architecture.adoc, section "Evicting an index on Redis".
 */
final class RedisIndexEvictions {

    private static final String SCAN_BATCH = "1000";
    private static final int EVICTIONS_IN_FLIGHT = 16;

    private final ReactiveRedisDataSource redis;
    private final RedisResponseStore store;
    private final String tombstoneMillis = Long.toString(EntryMarks.TOMBSTONE_LIFETIME.toMillis());
    private final ClusterPipelines masters;
    /** Off once the client turned out to be a cluster's. */
    private volatile boolean pipelinesEvictions = true;

    RedisIndexEvictions(ReactiveRedisDataSource redis, RedisResponseStore store, ClusterPipelines masters) {
        this.redis = redis;
        this.store = store;
        this.masters = masters;
    }

    Uni<Set<String>> members(String index) {
        return redis.execute("TYPE", index).chain(type -> {
            String command = scanCommand(type.toString());
            return command == null ? Uni.createFrom().item(Set.<String> of())
                    : scan(command, index, "0", new HashSet<>());
        });
    }

    /** Sorted sets, or the plain sets of older versions. */
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

    Uni<Long> evictIndex(String index) {
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

    /** A member is removed only if no computation claimed it again meanwhile: that entry must stay findable. */
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
                            ? RedisScripts.REMOVE_UNCHANGED.run(redis.getRedis(), index, memberScores.toArray())
                            : legacyRemove(index, members));
            return evictedNow.chain(count -> "0".equals(next) ? Uni.createFrom().item(evicted + count)
                    : evictFrom(command, index, next, evicted + count));
        });
    }

    /** The next index write recreates an older version's plain set. */
    private Uni<Response> legacyRemove(String index, List<String> members) {
        List<String> arguments = new ArrayList<>(members.size() + 1);
        arguments.add(index);
        arguments.addAll(members);
        return redis.execute("SREM", arguments.toArray(String[]::new));
    }

    /** A cluster's client refuses a batch whose keys span hash slots: then key by key from the first refusal on. */
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
            // on a cluster, or one tombstone failed (script cache flushed, a full Redis under noeviction)
            return evictEach(keys);
        });
    }

    /** A master's batch that fails ({@code MOVED}, a full master, a lost connection) is done again key by key. */
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

    private Uni<Long> pipelined(Redis target, List<String> keys) {
        return RedisScripts.TOMBSTONE.load(target)
                .chain(() -> RedisScripts.TOMBSTONE.runEach(target, keys,
                        key -> new Object[] { EntryMarks.newTombstone(), tombstoneMillis }))
                .map(replies -> {
                    long evicted = 0;
                    for (Response reply : replies) {
                        evicted += RedisResponseStore.number(reply);
                    }
                    return evicted;
                });
    }

    /** A bounded number in flight, so a large batch does not flood the client's pool. */
    private Uni<Long> evictEach(List<String> keys) {
        return Multi.createFrom().iterable(keys)
                .onItem().transformToUni(store::delete).merge(EVICTIONS_IN_FLIGHT)
                .collect().with(Collectors.summingLong(Long::longValue));
    }

    private static boolean isCrossSlot(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().contains("CROSSSLOT");
    }
}
