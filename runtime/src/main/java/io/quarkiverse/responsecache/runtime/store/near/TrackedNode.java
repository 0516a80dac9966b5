package io.quarkiverse.responsecache.runtime.store.near;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.types.ErrorType;

/**
 * One Redis node followed by a connection of its own with {@code CLIENT TRACKING ON BCAST PREFIX <prefix>:}, over
 * which the node pushes (RESP3) the keys under the prefix that it changes, whoever changes them, and a null for
 * {@code FLUSHALL}/{@code FLUSHDB}; with the state of its canary. {@link NearCacheTracking} follows one node on a
 * single Redis, and every master on a Redis Cluster.
 * <p>
 * Once tracking is on, the connection sends nothing more: the Vert.x client hands a reply to the oldest waiting
 * command before it looks whether it is a push, so a command in flight would take a notification for its reply. For
 * the same reason the connection comes from a Redis client of its own, never from the pool the cache's commands use.
 * <p>
 * Its state is guarded by the monitor of the {@link NearCacheTracking} that owns it (one lock for all nodes, so no
 * two locks are ever taken in different orders); what happens to the connection is reported to the listener.
 */
final class TrackedNode {

    /** What a node reports; each call may come from any thread, and is ignored for a node that was closed. */
    interface Listener {
        void trackingOn(TrackedNode node);

        /** A key under this instance's canary base was notified by {@code node}. */
        void canaryNotified(TrackedNode node, String key);

        void lost(TrackedNode node, String reason);

        /** The node will not notify this client ({@code HELLO 3} or {@code CLIENT TRACKING} was refused). */
        void refused(TrackedNode node, String message);
    }

    /** Keys and messages that prove how far a near cache got, rather than change an entry. */
    interface Signals {
        boolean isSignal(String key);

        /** A signal key was notified by {@code node}, after every other key of the same notification was applied. */
        void signalled(TrackedNode node, String key);

        /** The node's database was flushed. */
        void flushed(TrackedNode node);

        /** A message on the channel the node subscribed to. */
        void message(String payload);
    }

    private final Object guard;
    private final NotificationSources.Target target;
    private final String canaryBase;
    private final NearCache near;
    private final Listener listener;
    private final Signals signals;
    /** The channel this node's connection subscribes to, or null. */
    private final String channel;

    private Redis client;
    private boolean tracking;
    /** Whether a canary came back over this connection since tracking was turned on. */
    private boolean confirmed;
    private long canarySentNanos = -1;
    private boolean closed;

    /**
     * @param guard the monitor that guards this node's state
     * @param canaryBase the start of every canary key of this instance: such keys are reported, not invalidated
     * @param channel a channel to subscribe to once tracking is on, or null
     */
    TrackedNode(Object guard, NotificationSources.Target target, String canaryBase, NearCache near,
            Listener listener, Signals signals, String channel) {
        this.guard = guard;
        this.target = target;
        this.canaryBase = canaryBase;
        this.near = near;
        this.listener = listener;
        this.signals = signals;
        this.channel = channel;
    }

    /** Connects and turns tracking on; the listener hears how it went. */
    void open() {
        synchronized (guard) {
            if (closed || client != null) {
                return;
            }
            Redis created = target.clients().get();
            client = created;
            created.connect().onComplete(connected -> {
                if (connected.failed()) {
                    listener.lost(this, describe("cannot connect: " + connected.cause()));
                    return;
                }
                track(created, connected.result());
            });
        }
    }

    private void track(Redis created, RedisConnection opened) {
        synchronized (guard) {
            if (closed || client != created) {
                created.close();
                return;
            }
            opened.handler(this::onPush);
            opened.exceptionHandler(failure -> listener.lost(this, describe("connection failed: " + failure)));
            opened.endHandler(end -> listener.lost(this, describe("connection closed")));
        }
        // HELLO 3 whatever protocol the cache's client prefers: notifications arrive as RESP3 pushes on this connection
        opened.send(Request.cmd(Command.HELLO).arg(3))
                .compose(hello -> opened.send(Request.cmd(Command.CLIENT).arg("TRACKING").arg("ON")
                        .arg("BCAST").arg("PREFIX").arg(near.trackedPrefix())))
                // a subscription expects no reply in the Vert.x client: its confirmation arrives as a push
                .compose(tracking -> channel == null ? Future.succeededFuture(tracking)
                        : opened.send(Request.cmd(Command.SUBSCRIBE).arg(channel)))
                .onComplete(reply -> {
                    if (reply.succeeded()) {
                        listener.trackingOn(this);
                    } else if (reply.cause() instanceof ErrorType) {
                        listener.refused(this, reply.cause().getMessage());
                    } else {
                        listener.lost(this, describe("setting up tracking failed: " + reply.cause()));
                    }
                });
    }

    /** A push from the node; the only traffic on the connection once tracking is on. */
    private void onPush(Response push) {
        if (push == null || push.size() < 2) {
            return;
        }
        String kind = String.valueOf(push.get(0));
        if ("message".equals(kind) && push.size() >= 3) {
            signals.message(push.get(2).toString());
            return;
        }
        if (!"invalidate".equals(kind)) {
            return;
        }
        Response keys = push.get(1);
        if (keys == null || keys.size() == 0) {
            // FLUSHALL or FLUSHDB: every key changed, and the registry of the instances went too
            near.flush();
            signals.flushed(this);
            return;
        }
        // keys come in no particular order: what proves progress is handled once every entry was dropped
        List<String> later = null;
        for (Response key : keys) {
            String changed = key.toString();
            if (changed.startsWith(canaryBase) || signals.isSignal(changed)) {
                later = later == null ? new ArrayList<>() : later;
                later.add(changed);
            } else {
                near.invalidate(changed);
            }
        }
        if (later != null) {
            for (String signal : later) {
                if (signal.startsWith(canaryBase)) {
                    listener.canaryNotified(this, signal);
                } else {
                    signals.signalled(this, signal);
                }
            }
        }
    }

    /** @return {@code reason}, preceded by the node's name when there are several */
    String describe(String reason) {
        return target.describe(reason);
    }

    /** @return how the node is named in logs, or null for the single Redis */
    String label() {
        return target.label();
    }

    String canaryKey() {
        return target.canaryKey();
    }

    // the methods below are called with the guard held

    boolean closed() {
        return closed;
    }

    void trackingOn() {
        tracking = true;
    }

    boolean tracking() {
        return tracking;
    }

    boolean confirmed() {
        return confirmed;
    }

    void canarySent(long nanos) {
        canarySentNanos = nanos;
    }

    boolean canaryPending() {
        return canarySentNanos >= 0;
    }

    /** @return whether the canary sent last was not notified within {@code timeoutNanos} of {@code now} */
    boolean canaryLate(long now, long timeoutNanos) {
        return canarySentNanos >= 0 && now - canarySentNanos > timeoutNanos;
    }

    void canaryReturned() {
        canarySentNanos = -1;
        confirmed = true;
    }

    /** Closes the connection for good; whatever it reports from now on is ignored. */
    void close() {
        closed = true;
        tracking = false;
        canarySentNanos = -1;
        Redis closing = client;
        client = null;
        if (closing != null) {
            closing.close();
        }
    }
}
