package io.quarkiverse.responsecache.runtime.store.redis;

import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.mutiny.redis.client.Response;

/**
 * Says when the server may evict an index before its entries, each change once. See architecture.adoc, section "The
 * Redis store".
 */
final class RedisEvictionPolicyCheck {

    private static final Logger LOG = Logger.getLogger(RedisResponseStore.class);
    private static final String SAFE = "";

    /** The risky policy last reported ({@code "<maxmemory> <policy>"}), {@link #SAFE}, or null before any answer. */
    private final AtomicReference<String> reported = new AtomicReference<>();

    void check(ReactiveRedisDataSource redis) {
        redis.execute("CONFIG", "GET", "maxmemory*").subscribe().with(reply -> {
            String policy = value(reply, "maxmemory-policy");
            String maxMemory = value(reply, "maxmemory");
            if (policy == null || maxMemory == null) {
                LOG.debugf("Response cache: CONFIG GET maxmemory* answered without the policy: %s", reply);
                return;
            }
            boolean risky = !"0".equals(maxMemory) && !"noeviction".equals(policy);
            String verdict = risky ? maxMemory + " " + policy : SAFE;
            String before = reported.getAndSet(verdict);
            if (verdict.equals(before)) {
                return;
            }
            if (risky) {
                LOG.warnf("Response cache: Redis evicts keys when full (maxmemory %s, maxmemory-policy %s). It may"
                        + " evict a tag or namespace index before the entries it lists; an eviction by that tag or"
                        + " namespace then misses them, and they are served until they expire. For read-your-writes"
                        + " under memory pressure use maxmemory-policy noeviction (a full Redis then refuses new"
                        + " entries: misses, never stale), or give Redis the memory it needs", maxMemory, policy);
            } else if (before != null) {
                LOG.infof("Response cache: Redis no longer evicts the cache's keys when full (maxmemory %s,"
                        + " maxmemory-policy %s): evictions by tag and namespace find every entry again", maxMemory,
                        policy);
            }
        }, failure -> LOG.debugf("Response cache: could not read the Redis eviction policy (%s)", failure.toString()));
    }

    /** @return the value of {@code name} in a CONFIG GET reply: a map (RESP3) or a flat list of pairs (RESP2) */
    private static String value(Response reply, String name) {
        if (reply == null) {
            return null;
        }
        try {
            if (reply.containsKey(name)) {
                return reply.get(name).toString();
            }
        } catch (RuntimeException notAMap) {
            // a flat list of pairs
        }
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            if (name.equals(reply.get(i).toString())) {
                return reply.get(i + 1).toString();
            }
        }
        return null;
    }
}
