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
 * One Redis node followed over a {@code CLIENT TRACKING ON BCAST} connection of its own, which sends nothing once
 * tracking is on (see architecture.adoc, section "Keeping the near cache coherent"). Guarded by the tracking's monitor.
 */
final class TrackedNode {

    /** Each call may come from any thread, and is ignored for a closed node. */
    interface Listener {
        void trackingOn(TrackedNode node);

        void canaryNotified(TrackedNode node, String key);

        void lost(TrackedNode node, String reason);

        void refused(TrackedNode node, String message);
    }

    interface Signals {
        boolean isSignal(String key);

        /** Called after every other key of the same notification was applied. */
        void signalled(TrackedNode node, String key);

        void flushed(TrackedNode node);

        void message(String payload);
    }

    private final Object guard;
    private final NotificationSources.Target target;
    private final String canaryBase;
    private final NearCache near;
    private final Listener listener;
    private final Signals signals;
    private final String channel;

    private Redis client;
    private boolean tracking;
    private boolean confirmed;
    private long canarySentNanos = -1;
    private boolean closed;

    /** @param canaryBase keys starting with it are reported, not invalidated */
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

    /** Once tracking is on, the only traffic on the connection. */
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
            // FLUSHALL or FLUSHDB
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

    String describe(String reason) {
        return target.describe(reason);
    }

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
