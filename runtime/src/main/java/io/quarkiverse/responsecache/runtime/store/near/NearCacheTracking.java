package io.quarkiverse.responsecache.runtime.store.near;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.spi.ResponseStore;
import io.quarkiverse.responsecache.runtime.store.redis.RedisClients;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.client.config.RedisClientConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.impl.types.ErrorType;

/**
 * Keeps the {@link NearCache} coherent: Redis notifies this instance of every change of a key under the prefix, over
 * connections of its own ({@link TrackedNode}): one on a single Redis, one per master on a Redis Cluster
 * ({@link ClusterMasters}).
 * <p>
 * The tier answers only while notifications are known to arrive. Every heartbeat interval a canary key under the
 * prefix is written through the cache's ordinary client for each followed node, in a slot of that node on a cluster,
 * and its notification must come back over that node's connection within the heartbeat timeout. The tier turns on once
 * every node's canary came back; a connection that fails, ends or stays silent, or (on a cluster) a topology that
 * changed, turns it off and empties it, and every connection is set up anew, on a cluster after reading the topology
 * again. A Redis that refuses {@code HELLO 3} or {@code CLIENT TRACKING} (too old, an ACL, a proxy) leaves it off for
 * good, with one warning. State changes are logged once each.
 */
@Singleton
public class NearCacheTracking {

    private static final Logger LOG = Logger.getLogger(NearCacheTracking.class);
    private static final long FIRST_RECONNECT_DELAY_MILLIS = 250;
    private static final long MAX_RECONNECT_DELAY_MILLIS = 10_000;
    /** How long setting up the connections may take before they are given up and tried again. */
    private static final long SETUP_TIMEOUT_MILLIS = 10_000;

    private final NearCache near;
    private final NearCacheAcknowledgements acks;
    private final Vertx vertx;
    private final long heartbeatIntervalMillis;
    private final long heartbeatTimeoutMillis;
    /** The start of every canary key of this instance; on a single Redis, the canary key itself. */
    private final String canaryBase;
    private final TrackedNode.Listener events = new Events();

    private NotificationSources sources;
    private ReactiveRedisDataSource writer;
    /** Counts the rounds of connections; a discovery or check of an earlier round is ignored. */
    private long round;
    /** Whether a round is under way: its nodes being discovered, set up or followed. */
    private boolean connecting;
    private long roundStartedNanos;
    private NotificationSources.Discovery discovery;
    /** The nodes of the current round, empty until they are discovered. */
    private List<TrackedNode> nodes = List.of();
    private boolean layoutCheckInFlight;
    private long canaries;
    private long reconnectDelayMillis;
    private long heartbeatTimer = -1;
    private boolean started;
    private boolean stopped;
    private boolean refused;
    /** Whether the tier was on at some point, so a later loss is worth a warning. */
    private boolean wasOn;
    /** Whether the current outage was reported, so that each retry does not log again. */
    private boolean outageReported;

    @Inject
    public NearCacheTracking(NearCache near, NearCacheAcknowledgements acks, Vertx vertx, ResponseCacheConfig config) {
        this.near = near;
        this.acks = acks;
        this.vertx = vertx;
        this.heartbeatIntervalMillis = Math.max(10, config.nearCache().heartbeatInterval().toMillis());
        this.heartbeatTimeoutMillis = Math.max(10, config.nearCache().heartbeatTimeout().toMillis());
        this.canaryBase = near.trackedPrefix() + "near-cache-canary:" + UUID.randomUUID();
    }

    /**
     * Puts the near cache in front of the Redis store, when the client's Redis allows it (not reads from replicas);
     * otherwise says why not, once, and leaves the store as it is.
     *
     * @param clientName the name of the Redis client the cache uses ({@code <default>} for the default one)
     * @param configuration that client's configuration ({@link RedisClients#configuration}), or null when not found
     */
    public ResponseStore inFrontOf(ResponseStore redisStore, String clientName, RedisClientConfig configuration,
            ReactiveRedisDataSource writer) {
        String unsupported = NotificationClients.unsupported(configuration);
        if (unsupported != null) {
            LOG.warnf("Response cache: the near cache stays off (quarkus.response-cache.near-cache.enabled=true): %s;"
                    + " responses are still cached in Redis", unsupported);
            return redisStore;
        }
        NotificationSources sources = configuration.clientType() == RedisClientType.CLUSTER
                ? new ClusterMasters(writer, canaryBase,
                        (host, port) -> RedisClients.nodeFactory(clientName, configuration, vertx, host, port))
                : NotificationSources.single(RedisClients.factory(clientName, configuration, vertx), canaryBase);
        acks.activate(writer);
        start(sources, writer);
        return new NearCachedStore(redisStore, near);
    }

    /**
     * Starts tracking; the tier turns on once the first canary of every node comes back.
     *
     * @param writer the cache's ordinary client, which writes the canaries
     */
    synchronized void start(NotificationSources sources, ReactiveRedisDataSource writer) {
        if (started || stopped) {
            return;
        }
        started = true;
        this.sources = sources;
        this.writer = writer;
        connect();
        heartbeatTimer = vertx.setPeriodic(heartbeatIntervalMillis, id -> heartbeat());
    }

    private synchronized void connect() {
        if (stopped || refused || connecting) {
            return;
        }
        connecting = true;
        long thisRound = ++round;
        roundStartedNanos = System.nanoTime();
        sources.discover().subscribe().with(found -> discovered(thisRound, found),
                failure -> discoveryFailed(thisRound, failure));
    }

    private synchronized void discovered(long thisRound, NotificationSources.Discovery found) {
        if (thisRound != round || stopped) {
            return;
        }
        discovery = found;
        List<TrackedNode> opened = new ArrayList<>();
        Map<TrackedNode, String> slotTags = new HashMap<>();
        for (NotificationSources.Target target : found.targets()) {
            // the first node's connection also hears the acknowledgements of this instance's evictions
            TrackedNode node = new TrackedNode(this, target, canaryBase, near, events, acks,
                    opened.isEmpty() ? acks.channel() : null);
            opened.add(node);
            slotTags.put(node, target.canaryKey().substring(canaryBase.length()));
        }
        nodes = List.copyOf(opened);
        acks.follow(slotTags);
        for (TrackedNode node : nodes) {
            node.open();
        }
    }

    private synchronized void discoveryFailed(long thisRound, Throwable failure) {
        if (thisRound != round || stopped) {
            return;
        }
        if (failure instanceof ErrorType && String.valueOf(failure.getMessage()).startsWith("NOPERM")) {
            refuse("CLUSTER SLOTS", failure.getMessage());
        } else {
            lost("cannot read the cluster's masters and slots: " + failure);
        }
    }

    private synchronized void trackingOn(TrackedNode node) {
        if (node.closed()) {
            return;
        }
        node.trackingOn();
        acks.trackingOn(node);
        sendCanary(node);
    }

    private synchronized void canaryNotified(TrackedNode from, String key) {
        if (from.closed()) {
            return;
        }
        TrackedNode owner = null;
        for (TrackedNode node : nodes) {
            if (node.canaryKey().equals(key)) {
                owner = node;
            }
        }
        if (owner == null || !from.tracking()) {
            // a canary of an earlier round, which another topology placed elsewhere
            return;
        }
        if (owner != from) {
            // the canary's slot is now written by another master: the topology changed
            lost("the canary of " + owner.label() + " was notified by " + from.label()
                    + ": its slot moved to another master");
            return;
        }
        from.canaryReturned();
        if (near.coherent() || !nodes.stream().allMatch(TrackedNode::confirmed)) {
            return;
        }
        reconnectDelayMillis = 0;
        near.enable();
        if (wasOn) {
            LOG.info("Response cache: the near cache is on again, Redis's notifications arrive");
        } else if (discovery.layout() == null) {
            LOG.infof("Response cache: the near cache is on (notifications from Redis for keys under '%s')",
                    near.trackedPrefix());
        } else {
            LOG.infof("Response cache: the near cache is on (notifications from %s of the Redis Cluster for keys under"
                    + " '%s')",
                    nodes.size() == 1 ? "the one master that serves them"
                            : "each of the " + nodes.size()
                                    + " masters",
                    near.trackedPrefix());
        }
        wasOn = true;
        outageReported = false;
    }

    private synchronized void heartbeat() {
        if (stopped || refused || !connecting) {
            return;
        }
        long now = System.nanoTime();
        if (nodes.isEmpty() || !nodes.stream().allMatch(TrackedNode::tracking)) {
            if (now - roundStartedNanos > SETUP_TIMEOUT_MILLIS * 1_000_000) {
                lost("no answer within " + SETUP_TIMEOUT_MILLIS + " ms while setting up tracking");
            }
            return;
        }
        for (TrackedNode node : nodes) {
            if (node.canaryLate(now, heartbeatTimeoutMillis * 1_000_000)) {
                lost(node.describe("the notification of a canary write did not arrive within "
                        + heartbeatTimeoutMillis + " ms"));
                return;
            }
        }
        for (TrackedNode node : nodes) {
            if (!node.canaryPending()) {
                sendCanary(node);
            }
        }
        checkLayout();
    }

    private void sendCanary(TrackedNode node) {
        node.canarySent(System.nanoTime());
        long ttl = Math.max(60_000, 10 * heartbeatIntervalMillis);
        writer.execute("SET", node.canaryKey(), Long.toString(++canaries), "PX", Long.toString(ttl)).subscribe().with(
                written -> {
                },
                failure -> LOG.debugf("Response cache: a near cache canary was not written (%s)", failure.toString()));
    }

    /** On a cluster, reads the topology again: slots may have moved between masters without moving a canary. */
    private void checkLayout() {
        if (layoutCheckInFlight) {
            return;
        }
        Uni<String> check = sources.changedSince(discovery);
        if (check == null) {
            return;
        }
        layoutCheckInFlight = true;
        long thisRound = round;
        check.subscribe().with(change -> layoutChecked(thisRound, change), failure -> {
            LOG.debugf("Response cache: the near cache could not read the cluster's slots (%s)", failure.toString());
            layoutChecked(thisRound, null);
        });
    }

    private synchronized void layoutChecked(long thisRound, String change) {
        if (thisRound != round) {
            return;
        }
        layoutCheckInFlight = false;
        if (change != null) {
            lost(change);
        }
    }

    /** Notifications may be missed from now on: the tier goes off, and new connections are tried after a delay. */
    private void lost(String reason) {
        if (stopped || !connecting) {
            return;
        }
        near.disable();
        endRound();
        if (!outageReported) {
            outageReported = true;
            if (wasOn) {
                LOG.warnf("Response cache: the near cache is off until Redis's notifications are back (%s); hits are"
                        + " answered by Redis meanwhile", reason);
            } else {
                LOG.warnf("Response cache: the near cache is not on yet, Redis's notifications do not arrive (%s);"
                        + " retrying", reason);
            }
        } else {
            LOG.debugf("Response cache: near cache notifications still unavailable (%s)", reason);
        }
        reconnectDelayMillis = reconnectDelayMillis == 0 ? FIRST_RECONNECT_DELAY_MILLIS
                : Math.min(MAX_RECONNECT_DELAY_MILLIS, reconnectDelayMillis * 2);
        vertx.setTimer(reconnectDelayMillis, id -> connect());
    }

    /** Redis will not notify this client: the tier stays off, caching in Redis goes on. */
    private void refuse(String commands, String message) {
        if (stopped || !connecting) {
            return;
        }
        refused = true;
        near.disable();
        acks.deactivate();
        endRound();
        LOG.warnf("Response cache: the near cache stays off: Redis refuses client-side caching notifications"
                + " (" + commands + ": %s); responses are still cached in Redis", message);
    }

    /** Closes every connection of the round; what they, or a discovery or check under way, report is ignored. */
    private void endRound() {
        round++;
        connecting = false;
        discovery = null;
        layoutCheckInFlight = false;
        for (TrackedNode node : nodes) {
            node.close();
        }
        nodes = List.of();
        acks.follow(Map.of());
    }

    @PreDestroy
    synchronized void stop() {
        stopped = true;
        if (heartbeatTimer >= 0) {
            vertx.cancelTimer(heartbeatTimer);
        }
        near.disable();
        endRound();
        acks.stop();
    }

    /** What the nodes report, each handled under this instance's monitor; reports of closed nodes are ignored. */
    private final class Events implements TrackedNode.Listener {

        @Override
        public void trackingOn(TrackedNode node) {
            NearCacheTracking.this.trackingOn(node);
        }

        @Override
        public void canaryNotified(TrackedNode node, String key) {
            NearCacheTracking.this.canaryNotified(node, key);
        }

        @Override
        public void lost(TrackedNode node, String reason) {
            synchronized (NearCacheTracking.this) {
                if (!node.closed()) {
                    NearCacheTracking.this.lost(reason);
                }
            }
        }

        @Override
        public void refused(TrackedNode node, String message) {
            synchronized (NearCacheTracking.this) {
                if (!node.closed()) {
                    refuse("HELLO 3 / CLIENT TRACKING", node.describe(message));
                }
            }
        }
    }
}
