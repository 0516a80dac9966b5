package io.quarkiverse.responsecache.runtime.store.near;

import java.util.UUID;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.responsecache.runtime.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.store.ResponseStore;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.client.config.RedisClientConfig;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.types.ErrorType;

/**
 * Keeps the {@link NearCache} coherent: one connection of its own to Redis with
 * {@code CLIENT TRACKING ON BCAST PREFIX <prefix>:}, over which Redis pushes (RESP3) the keys under the prefix that
 * change, whoever changes them, and a null for {@code FLUSHALL}/{@code FLUSHDB}.
 * <p>
 * Once tracking is on, the connection sends nothing more: the Vert.x client hands a reply to the oldest waiting
 * command before it looks whether it is a push, so a command in flight would take a notification for its reply. For
 * the same reason the connection comes from a Redis client of its own, never from the pool the cache's commands use.
 * <p>
 * The tier answers only while notifications are known to arrive. Every heartbeat interval a canary key under the
 * prefix is written through the cache's ordinary client, and its notification must come back within the heartbeat
 * timeout. The first canary that comes back turns the tier on; a connection that fails, ends or stays silent turns it
 * off and empties it, and a new connection is set up. A Redis that refuses {@code HELLO 3} or {@code CLIENT TRACKING}
 * (too old, an ACL, a proxy) leaves it off for good, with one warning. State changes are logged once each.
 */
@Singleton
public class NearCacheTracking {

    private static final Logger LOG = Logger.getLogger(NearCacheTracking.class);
    private static final long FIRST_RECONNECT_DELAY_MILLIS = 250;
    private static final long MAX_RECONNECT_DELAY_MILLIS = 10_000;
    /** How long setting up a connection may take before it is given up and tried again. */
    private static final long SETUP_TIMEOUT_MILLIS = 10_000;

    private final NearCache near;
    private final Vertx vertx;
    private final long heartbeatIntervalMillis;
    private final long heartbeatTimeoutMillis;
    private final String canaryKey;

    private Supplier<Redis> clients;
    private ReactiveRedisDataSource writer;
    /** The client of the current connection attempt or connection, or null between attempts. */
    private Redis client;
    private RedisConnection connection;
    private boolean tracking;
    private long setupStartedNanos;
    private long canarySentNanos = -1;
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
    public NearCacheTracking(NearCache near, Vertx vertx, ResponseCacheConfig config) {
        this.near = near;
        this.vertx = vertx;
        this.heartbeatIntervalMillis = Math.max(10, config.nearCache().heartbeatInterval().toMillis());
        this.heartbeatTimeoutMillis = Math.max(10, config.nearCache().heartbeatTimeout().toMillis());
        this.canaryKey = near.trackedPrefix() + "near-cache-canary:" + UUID.randomUUID();
    }

    /**
     * Puts the near cache in front of the Redis store, when the client's Redis allows it (not a cluster, not reads
     * from replicas); otherwise says why not, once, and leaves the store as it is.
     *
     * @param clientName the name of the Redis client the cache uses ({@code <default>} for the default one)
     */
    public ResponseStore inFrontOf(ResponseStore redisStore, String clientName, ReactiveRedisDataSource writer) {
        RedisClientConfig configuration = NotificationClients.configuration(clientName);
        String unsupported = NotificationClients.unsupported(configuration);
        if (unsupported != null) {
            LOG.warnf("Response cache: the near cache stays off (quarkus.response-cache.near-cache.enabled=true): %s;"
                    + " responses are still cached in Redis", unsupported);
            return redisStore;
        }
        start(NotificationClients.factory(clientName, configuration, vertx), writer);
        return new NearCachedStore(redisStore, near);
    }

    /**
     * Starts tracking; the tier turns on once the first canary comes back.
     *
     * @param clients creates a Redis client configured like the cache's (hosts, credentials, TLS), for a connection
     *        of its own
     * @param writer the cache's ordinary client, which writes the canaries
     */
    public synchronized void start(Supplier<Redis> clients, ReactiveRedisDataSource writer) {
        if (started || stopped) {
            return;
        }
        started = true;
        this.clients = clients;
        this.writer = writer;
        connect();
        heartbeatTimer = vertx.setPeriodic(heartbeatIntervalMillis, id -> heartbeat());
    }

    /** @return the key this instance's canaries are written to */
    String canaryKey() {
        return canaryKey;
    }

    private synchronized void connect() {
        if (stopped || refused || client != null) {
            return;
        }
        Redis created = clients.get();
        client = created;
        setupStartedNanos = System.nanoTime();
        created.connect().onComplete(connected -> {
            if (connected.failed()) {
                lost(created, "cannot connect: " + connected.cause());
                return;
            }
            track(created, connected.result());
        });
    }

    private synchronized void track(Redis created, RedisConnection opened) {
        if (client != created) {
            created.close();
            return;
        }
        connection = opened;
        opened.handler(push -> onPush(opened, push));
        opened.exceptionHandler(failure -> lost(created, "connection failed: " + failure));
        opened.endHandler(end -> lost(created, "connection closed"));
        // HELLO 3 whatever protocol the cache's client prefers: notifications arrive as RESP3 pushes on this connection
        opened.send(Request.cmd(Command.HELLO).arg(3))
                .compose(hello -> opened.send(Request.cmd(Command.CLIENT).arg("TRACKING").arg("ON")
                        .arg("BCAST").arg("PREFIX").arg(near.trackedPrefix())))
                .onComplete(reply -> {
                    if (reply.succeeded()) {
                        trackingOn(created);
                    } else if (reply.cause() instanceof ErrorType) {
                        refuse(created, reply.cause().getMessage());
                    } else {
                        lost(created, "setting up tracking failed: " + reply.cause());
                    }
                });
    }

    private synchronized void trackingOn(Redis created) {
        if (client != created) {
            return;
        }
        tracking = true;
        sendCanary();
    }

    /** A push from Redis; the only traffic on the connection once tracking is on. */
    private void onPush(RedisConnection from, Response push) {
        if (push == null || push.size() < 2 || !"invalidate".equals(String.valueOf(push.get(0)))) {
            return;
        }
        Response keys = push.get(1);
        if (keys == null || keys.size() == 0) {
            // FLUSHALL or FLUSHDB: every key changed
            near.flush();
            return;
        }
        for (Response key : keys) {
            String changed = key.toString();
            if (canaryKey.equals(changed)) {
                canaryReturned(from);
            } else {
                near.invalidate(changed);
            }
        }
    }

    private synchronized void canaryReturned(RedisConnection from) {
        if (from != connection || !tracking) {
            return;
        }
        canarySentNanos = -1;
        reconnectDelayMillis = 0;
        if (!near.coherent()) {
            near.enable();
            if (wasOn) {
                LOG.info("Response cache: the near cache is on again, Redis's notifications arrive");
            } else {
                LOG.infof("Response cache: the near cache is on (notifications from Redis for keys under '%s')",
                        near.trackedPrefix());
            }
            wasOn = true;
            outageReported = false;
        }
    }

    private synchronized void heartbeat() {
        if (stopped || refused) {
            return;
        }
        long now = System.nanoTime();
        if (client == null) {
            return;
        }
        if (!tracking) {
            if (now - setupStartedNanos > SETUP_TIMEOUT_MILLIS * 1_000_000) {
                lost(client, "no answer within " + SETUP_TIMEOUT_MILLIS + " ms while setting up tracking");
            }
            return;
        }
        if (canarySentNanos >= 0) {
            if (now - canarySentNanos > heartbeatTimeoutMillis * 1_000_000) {
                lost(client, "the notification of a canary write did not arrive within " + heartbeatTimeoutMillis
                        + " ms");
            }
            return;
        }
        sendCanary();
    }

    private void sendCanary() {
        canarySentNanos = System.nanoTime();
        long ttl = Math.max(60_000, 10 * heartbeatIntervalMillis);
        writer.execute("SET", canaryKey, Long.toString(++canaries), "PX", Long.toString(ttl)).subscribe().with(
                written -> {
                },
                failure -> LOG.debugf("Response cache: a near cache canary was not written (%s)", failure.toString()));
    }

    /** Notifications may be missed from now on: the tier goes off, and a new connection is tried after a delay. */
    private synchronized void lost(Redis failed, String reason) {
        if (client != failed || stopped) {
            return;
        }
        near.disable();
        closeConnection();
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
    private synchronized void refuse(Redis refusing, String message) {
        if (client != refusing || stopped) {
            return;
        }
        refused = true;
        near.disable();
        closeConnection();
        LOG.warnf("Response cache: the near cache stays off: Redis refuses client-side caching notifications"
                + " (HELLO 3 / CLIENT TRACKING: %s); responses are still cached in Redis", message);
    }

    private void closeConnection() {
        tracking = false;
        canarySentNanos = -1;
        connection = null;
        Redis closing = client;
        client = null;
        if (closing != null) {
            closing.close();
        }
    }

    @PreDestroy
    synchronized void stop() {
        stopped = true;
        if (heartbeatTimer >= 0) {
            vertx.cancelTimer(heartbeatTimer);
        }
        near.disable();
        closeConnection();
    }
}
