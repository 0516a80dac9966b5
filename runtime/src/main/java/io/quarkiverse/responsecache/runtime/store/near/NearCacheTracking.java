package io.quarkiverse.responsecache.runtime.store.near;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.store.redis.RedisClients;
import io.quarkiverse.responsecache.spi.ResponseStore;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.client.config.RedisClientConfig;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.impl.types.ErrorType;

/**
 * Keeps the {@link NearCache} coherent from Redis's notifications, answering only while they are known to arrive.
 * Its monitor guards the rounds, their nodes and the heartbeat. See architecture.adoc, section "Keeping the near cache
 * coherent".
 */
@Singleton
public class NearCacheTracking implements TrackedNode.Listener {

    private static final long FIRST_RECONNECT_DELAY_MILLIS = 250;
    private static final long MAX_RECONNECT_DELAY_MILLIS = 10_000;

    private final NearCache near;
    private final NearCacheAcknowledgements acks;
    private final Vertx vertx;
    private final long heartbeatIntervalMillis;
    private final long heartbeatTimeoutMillis;
    /** On a single Redis, the canary key itself. */
    private final String canaryBase;
    private final NearCacheStateLog log = new NearCacheStateLog();

    private NotificationSources sources;
    private NearCacheHeartbeat heartbeat;
    /** Being discovered, set up or followed; or null. */
    private TrackingRound round;
    private long reconnectDelayMillis;
    private long heartbeatTimer = -1;
    private boolean started;
    private boolean stopped;
    private boolean refused;

    @Inject
    public NearCacheTracking(NearCache near, NearCacheAcknowledgements acks, Vertx vertx, ResponseCacheConfig config) {
        this.near = near;
        this.acks = acks;
        this.vertx = vertx;
        this.heartbeatIntervalMillis = Math.max(10, config.nearCache().heartbeatInterval().toMillis());
        this.heartbeatTimeoutMillis = Math.max(10, config.nearCache().heartbeatTimeout().toMillis());
        this.canaryBase = near.trackedPrefix() + "near-cache-canary:" + UUID.randomUUID();
    }

    /** Not with reads from replicas: then says why, once, and leaves the store as it is. */
    public ResponseStore inFrontOf(ResponseStore redisStore, String clientName, RedisClientConfig configuration,
            ReactiveRedisDataSource writer) {
        String unsupported = NotificationClients.unsupported(configuration);
        if (unsupported != null) {
            log.unsupported(unsupported);
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

    /** The tier turns on once the first canary of every node comes back. */
    synchronized void start(NotificationSources sources, ReactiveRedisDataSource writer) {
        if (started || stopped) {
            return;
        }
        started = true;
        this.sources = sources;
        this.heartbeat = new NearCacheHeartbeat(this, sources, writer, heartbeatIntervalMillis, heartbeatTimeoutMillis,
                this::lost);
        connect();
        heartbeatTimer = vertx.setPeriodic(heartbeatIntervalMillis, id -> heartbeat());
    }

    private synchronized void connect() {
        if (stopped || refused || round != null) {
            return;
        }
        TrackingRound thisRound = new TrackingRound();
        round = thisRound;
        sources.discover().subscribe().with(found -> discovered(thisRound, found),
                failure -> discoveryFailed(thisRound, failure));
    }

    private synchronized void discovered(TrackingRound thisRound, NotificationSources.Discovery found) {
        if (thisRound != round) {
            return;
        }
        List<TrackedNode> opened = new ArrayList<>();
        Map<TrackedNode, String> slotTags = new HashMap<>();
        for (NotificationSources.Target target : found.targets()) {
            // the first node's connection also hears the acknowledgements of this instance's evictions
            TrackedNode node = new TrackedNode(this, target, canaryBase, near, this, acks,
                    opened.isEmpty() ? acks.channel() : null);
            opened.add(node);
            slotTags.put(node, target.canaryKey().substring(canaryBase.length()));
        }
        thisRound.follow(found, opened);
        acks.follow(slotTags);
        for (TrackedNode node : opened) {
            node.open();
        }
    }

    private synchronized void discoveryFailed(TrackingRound thisRound, Throwable failure) {
        if (thisRound != round) {
            return;
        }
        if (failure instanceof ErrorType && String.valueOf(failure.getMessage()).startsWith("NOPERM")) {
            refuse("CLUSTER SLOTS", failure.getMessage());
        } else {
            lost("cannot read the cluster's masters and slots: " + failure);
        }
    }

    // TrackedNode.Listener: each report handled under this monitor; reports of closed nodes are ignored

    @Override
    public synchronized void trackingOn(TrackedNode node) {
        if (node.closed()) {
            return;
        }
        node.trackingOn();
        acks.trackingOn(node);
        heartbeat.sendCanary(node);
    }

    @Override
    public synchronized void canaryNotified(TrackedNode from, String key) {
        if (from.closed()) {
            return;
        }
        TrackedNode owner = round == null ? null : round.canaryOwner(key);
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
        if (near.coherent() || !round.allConfirmed()) {
            return;
        }
        reconnectDelayMillis = 0;
        near.enable();
        log.on(round.discovery().layout() != null, round.nodes().size(), near.trackedPrefix());
    }

    private synchronized void heartbeat() {
        if (stopped || refused || round == null) {
            return;
        }
        heartbeat.beat(round);
    }

    @Override
    public synchronized void lost(TrackedNode node, String reason) {
        if (!node.closed()) {
            lost(reason);
        }
    }

    @Override
    public synchronized void refused(TrackedNode node, String message) {
        if (!node.closed()) {
            refuse("HELLO 3 / CLIENT TRACKING", node.describe(message));
        }
    }

    private void lost(String reason) {
        if (stopped || round == null) {
            return;
        }
        near.disable();
        endRound();
        log.lost(reason);
        reconnectDelayMillis = reconnectDelayMillis == 0 ? FIRST_RECONNECT_DELAY_MILLIS
                : Math.min(MAX_RECONNECT_DELAY_MILLIS, reconnectDelayMillis * 2);
        vertx.setTimer(reconnectDelayMillis, id -> connect());
    }

    private void refuse(String commands, String message) {
        if (stopped || round == null) {
            return;
        }
        refused = true;
        near.disable();
        acks.deactivate();
        endRound();
        log.refused(commands, message);
    }

    /** What its nodes, or a discovery or check under way, still report is ignored. */
    private void endRound() {
        if (round != null) {
            round.end();
            round = null;
        }
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
}
