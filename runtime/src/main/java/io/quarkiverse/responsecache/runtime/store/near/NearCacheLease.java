package io.quarkiverse.responsecache.runtime.store.near;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.core.Vertx;

/**
 * The near cache answers only for a short time after its last proof that notifications reach it in time; each probe
 * also renews this instance's registration, in the same script. See architecture.adoc, section "Read-your-writes with
 * the near cache". Its monitor is taken after {@link NearCacheTracking}'s, never before.
 */
final class NearCacheLease {

    private static final Logger LOG = Logger.getLogger(NearCacheLease.class);
    /** Registers this instance (by Redis's clock) and writes then deletes the probe key: one notification. */
    private static final String PROBE = "local t = redis.call('TIME')\n"
            + "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)\n"
            + "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)\n"
            + "redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])\n"
            + "redis.call('SET', KEYS[2], '1')\n"
            + "redis.call('DEL', KEYS[2])\n"
            + "return 1";

    private final NearCache near;
    private final Vertx vertx;
    private final ReactiveRedisDataSource redis;
    private final AckKeys keys;
    private final long leaseNanos;
    private final long probeIntervalMillis;
    /** A few leases, so that a stopped instance is soon waited for no more. */
    private final long registrationMillis;

    private Map<TrackedNode, Node> nodes = Map.of();
    private long sequence;
    private long timer = -1;
    private boolean answered;
    private boolean lapsed;
    private boolean stopped;

    NearCacheLease(NearCache near, Vertx vertx, ReactiveRedisDataSource redis, AckKeys keys, long leaseMillis) {
        this.near = near;
        this.vertx = vertx;
        this.redis = redis;
        this.keys = keys;
        this.leaseNanos = leaseMillis * 1_000_000;
        this.probeIntervalMillis = Math.max(5, leaseMillis / 5);
        this.registrationMillis = Math.max(1_000, 3 * leaseMillis);
        near.answerUntil(System.nanoTime());
    }

    /** None of the nodes answers until its probe came back. */
    synchronized void follow(Map<TrackedNode, String> slotTags) {
        Map<TrackedNode, Node> followed = new HashMap<>();
        slotTags.forEach((node, tag) -> followed.put(node, new Node(tag)));
        nodes = followed;
        answered = false;
        lapsed = false;
        near.answerUntil(System.nanoTime());
        if (timer < 0 && !stopped && !followed.isEmpty()) {
            timer = vertx.setPeriodic(probeIntervalMillis, id -> tick());
        }
    }

    synchronized void trackingOn(TrackedNode node) {
        Node followed = nodes.get(node);
        if (followed != null && !followed.tracking) {
            followed.tracking = true;
            send(followed);
        }
    }

    /** Called after every change notified before it was applied. */
    synchronized void notified(TrackedNode from, String key) {
        Node node = nodes.get(from);
        long probe = keys.probeSequence(key);
        Long sent = node == null ? null : node.pending.remove(probe);
        if (sent == null) {
            return;
        }
        node.pending.keySet().removeIf(older -> older < probe);
        node.provenNanos = node.proven && node.provenNanos - sent > 0 ? node.provenNanos : sent;
        node.proven = true;
        Long oldest = null;
        for (Node each : nodes.values()) {
            if (!each.proven) {
                return;
            }
            if (oldest == null || each.provenNanos - oldest < 0) {
                oldest = each.provenNanos;
            }
        }
        near.answerUntil(oldest + leaseNanos);
        answered = true;
        if (lapsed) {
            lapsed = false;
            LOG.info("Response cache: the near cache answers again, Redis's notifications arrive in time");
        }
    }

    /** The flush took this instance's registration too: a probe sent after it registers again. */
    synchronized void flushed(TrackedNode from) {
        Node node = nodes.get(from);
        if (node != null) {
            node.proven = false;
            near.answerUntil(System.nanoTime());
            if (node.tracking) {
                send(node);
            }
        }
    }

    private synchronized void tick() {
        if (stopped) {
            return;
        }
        long now = System.nanoTime();
        for (Node node : nodes.values()) {
            if (!node.tracking) {
                continue;
            }
            // a probe lost with a failed connection is never notified: the tracking itself reconnects
            if (node.pending.isEmpty() || now - node.lastSentNanos >= leaseNanos) {
                send(node);
            }
        }
        if (answered && !lapsed && near.coherent() && !near.answersAt(now)) {
            lapsed = true;
            LOG.warnf("Response cache: the near cache answers from Redis for now: no proof within %d ms that Redis's"
                    + " notifications reach it in time (a busy or paused process, or a slow network)",
                    leaseNanos / 1_000_000);
        }
    }

    private void send(Node node) {
        long probe = ++sequence;
        long sent = System.nanoTime();
        node.pending.put(probe, sent);
        node.lastSentNanos = sent;
        try {
            redis.execute("EVAL", PROBE, "2", keys.registry(node.slotTag), keys.probe(probe, node.slotTag),
                    keys.self(), Long.toString(registrationMillis)).subscribe().with(done -> {
                    }, failure -> LOG.debugf("Response cache: a near cache probe failed (%s)", failure.toString()));
        } catch (RuntimeException shuttingDown) {
            // the Redis client is already gone while the application stops, before this lease is stopped
            LOG.debugf("Response cache: a near cache probe was not sent (%s)", shuttingDown.toString());
        }
    }

    synchronized void stop() {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        List<String> tags = new ArrayList<>();
        nodes.values().forEach(node -> tags.add(node.slotTag));
        for (String tag : tags) {
            redis.execute("ZREM", keys.registry(tag), keys.self()).subscribe().with(done -> {
            }, failure -> {
            });
        }
        nodes = Map.of();
    }

    /** Guarded by the lease's monitor. */
    private static final class Node {
        final String slotTag;
        final Map<Long, Long> pending = new HashMap<>();
        boolean tracking;
        long lastSentNanos;
        boolean proven;
        long provenNanos;

        Node(String slotTag) {
            this.slotTag = slotTag;
        }
    }
}
