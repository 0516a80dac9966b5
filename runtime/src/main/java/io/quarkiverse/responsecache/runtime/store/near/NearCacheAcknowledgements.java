package io.quarkiverse.responsecache.runtime.store.near;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.store.EvictionBarrier;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Response;

/**
 * Read-your-writes across the near caches of all instances: an eviction completes once every other registered instance
 * acknowledged its notifications, or after the timeout. See architecture.adoc, section "Read-your-writes with the near
 * cache".
 */
@Singleton
public class NearCacheAcknowledgements implements EvictionBarrier, TrackedNode.Signals {

    private static final Logger LOG = Logger.getLogger(NearCacheAcknowledgements.class);
    /** Reads the live registrations (by Redis's clock) and writes then deletes the barrier key: one notification. */
    private static final String BARRIER = "local t = redis.call('TIME')\n"
            + "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)\n"
            + "local live = redis.call('ZRANGEBYSCORE', KEYS[1], now, '+inf')\n"
            + "redis.call('SET', KEYS[2], '1')\n"
            + "redis.call('DEL', KEYS[2])\n"
            + "return live";

    private final NearCache near;
    private final Vertx vertx;
    private final AckKeys keys;
    private final long timeoutMillis;
    private final AtomicLong barriers = new AtomicLong();
    private final Map<String, Acknowledgements> awaited = new ConcurrentHashMap<>();
    private volatile ReactiveRedisDataSource redis;
    private volatile NearCacheLease lease;
    /** Empty until the first nodes were found. */
    private volatile List<String> slotTags = List.of();
    /** So that only a change is logged. */
    private boolean allAcknowledged = true;

    @Inject
    public NearCacheAcknowledgements(NearCache near, Vertx vertx, ResponseCacheConfig config) {
        this.near = near;
        this.vertx = vertx;
        this.keys = new AckKeys(config.prefix(), UUID.randomUUID().toString());
        this.timeoutMillis = Math.max(10, config.nearCache().acknowledgementTimeout().toMillis());
    }

    synchronized NearCacheLease activate(ReactiveRedisDataSource redis) {
        if (lease == null) {
            this.lease = new NearCacheLease(near, vertx, redis, keys, timeoutMillis);
            this.redis = redis;
        }
        return lease;
    }

    /** Redis refuses notifications: no near cache answers anywhere. */
    synchronized void deactivate() {
        redis = null;
    }

    String channel() {
        return keys.channel(keys.self());
    }

    /** None: the round ended. */
    void follow(Map<TrackedNode, String> nodes) {
        NearCacheLease current = lease;
        if (current == null) {
            return;
        }
        if (!nodes.isEmpty()) {
            slotTags = List.copyOf(nodes.values());
        }
        current.follow(nodes);
    }

    void trackingOn(TrackedNode node) {
        NearCacheLease current = lease;
        if (current != null) {
            current.trackingOn(node);
        }
    }

    /** This instance leaves the registries after its near cache stopped answering. */
    void stop() {
        NearCacheLease current = lease;
        if (current != null) {
            current.stop();
        }
    }

    @Override
    public Uni<Void> pass() {
        ReactiveRedisDataSource client = redis;
        if (client == null) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> {
            List<String> tags = slotTags;
            long barrier = barriers.incrementAndGet();
            Acknowledgements acks = new Acknowledgements(tags.size());
            for (String tag : tags) {
                String key = keys.barrier(barrier, tag);
                awaited.put(key, acks);
                client.execute("EVAL", BARRIER, "2", keys.registry(tag), key).subscribe().with(
                        live -> acks.expect(key, instances(live), keys.self()),
                        failure -> LOG.debugf("Response cache: a near cache barrier failed (%s)", failure.toString()));
            }
            // with no nodes known yet, or a barrier that failed, the timeout alone is the wait: leases are shorter
            return Uni.createFrom().completionStage(acks.done()).ifNoItem().after(Duration.ofMillis(timeoutMillis))
                    .recoverWithItem(() -> null)
                    .invoke(() -> logged(acks))
                    .eventually(() -> tags.forEach(tag -> awaited.remove(keys.barrier(barrier, tag))));
        });
    }

    private synchronized void logged(Acknowledgements acks) {
        String missing = acks.missing();
        if (missing == null && !allAcknowledged) {
            allAcknowledged = true;
            LOG.info("Response cache: every near cache acknowledges evictions again");
        } else if (missing != null && allAcknowledged) {
            allAcknowledged = false;
            LOG.warnf("Response cache: an eviction was not acknowledged within %d ms"
                    + " (quarkus.response-cache.near-cache.acknowledgement-timeout) by %s; evictions wait that long"
                    + " while it lags, and it answers from Redis meanwhile", timeoutMillis, missing);
        } else if (missing != null) {
            LOG.debugf("Response cache: an eviction was not acknowledged in time by %s", missing);
        }
    }

    private static List<String> instances(Response live) {
        List<String> instances = new ArrayList<>();
        if (live != null) {
            for (Response instance : live) {
                instances.add(instance.toString());
            }
        }
        return instances;
    }

    @Override
    public boolean isSignal(String key) {
        return keys.isSignal(key);
    }

    @Override
    public void signalled(TrackedNode node, String key) {
        String writer = keys.writerOf(key);
        if (writer == null) {
            NearCacheLease current = lease;
            if (current != null) {
                current.notified(node, key);
            }
        } else if (!writer.equals(keys.self()) && redis != null) {
            redis.execute("PUBLISH", keys.channel(writer), key + " " + keys.self()).subscribe().with(done -> {
            }, failure -> LOG.debugf("Response cache: a near cache acknowledgement failed (%s)", failure.toString()));
        }
    }

    @Override
    public void flushed(TrackedNode node) {
        NearCacheLease current = lease;
        if (current != null) {
            current.flushed(node);
        }
    }

    @Override
    public void message(String payload) {
        int space = payload.lastIndexOf(' ');
        Acknowledgements acks = space < 0 ? null : awaited.get(payload.substring(0, space));
        if (acks != null) {
            acks.acknowledged(payload.substring(0, space), payload.substring(space + 1));
        }
    }
}
