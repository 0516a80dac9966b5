package io.quarkiverse.responsecache.runtime.store.near;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * The heartbeat on a {@link TrackingRound}: each node's canary, and on a cluster the topology read again; anything
 * that shows notifications may be missed is a loss. Guarded by the {@link NearCacheTracking}'s monitor.
 */
final class NearCacheHeartbeat {

    /** Notifications may be missed from now on; called under the tracking's monitor. */
    interface Loss {
        void lost(String reason);
    }

    private static final Logger LOG = Logger.getLogger(NearCacheTracking.class);
    /** How long setting up the connections may take before they are given up and tried again. */
    private static final long SETUP_TIMEOUT_MILLIS = 10_000;

    private final Object guard;
    private final NotificationSources sources;
    private final ReactiveRedisDataSource writer;
    private final long intervalMillis;
    private final long timeoutMillis;
    private final Loss loss;
    private long canaries;

    /**
     * @param guard the monitor of the tracking, taken again when a layout check completes
     * @param writer the cache's ordinary client, which writes the canaries
     */
    NearCacheHeartbeat(Object guard, NotificationSources sources, ReactiveRedisDataSource writer, long intervalMillis,
            long timeoutMillis, Loss loss) {
        this.guard = guard;
        this.sources = sources;
        this.writer = writer;
        this.intervalMillis = intervalMillis;
        this.timeoutMillis = timeoutMillis;
        this.loss = loss;
    }

    void beat(TrackingRound round) {
        long now = System.nanoTime();
        if (!round.allTracking()) {
            if (now - round.startedNanos() > SETUP_TIMEOUT_MILLIS * 1_000_000) {
                loss.lost("no answer within " + SETUP_TIMEOUT_MILLIS + " ms while setting up tracking");
            }
            return;
        }
        for (TrackedNode node : round.nodes()) {
            if (node.canaryLate(now, timeoutMillis * 1_000_000)) {
                loss.lost(node.describe("the notification of a canary write did not arrive within "
                        + timeoutMillis + " ms"));
                return;
            }
        }
        for (TrackedNode node : round.nodes()) {
            if (!node.canaryPending()) {
                sendCanary(node);
            }
        }
        checkLayout(round);
    }

    void sendCanary(TrackedNode node) {
        node.canarySent(System.nanoTime());
        long ttl = Math.max(60_000, 10 * intervalMillis);
        writer.execute("SET", node.canaryKey(), Long.toString(++canaries), "PX", Long.toString(ttl)).subscribe().with(
                written -> {
                },
                failure -> LOG.debugf("Response cache: a near cache canary was not written (%s)", failure.toString()));
    }

    /** On a cluster, reads the topology again: slots may have moved between masters without moving a canary. */
    private void checkLayout(TrackingRound round) {
        if (round.layoutCheckInFlight()) {
            return;
        }
        Uni<String> check = sources.changedSince(round.discovery());
        if (check == null) {
            return;
        }
        round.layoutCheckInFlight(true);
        check.subscribe().with(change -> layoutChecked(round, change), failure -> {
            LOG.debugf("Response cache: the near cache could not read the cluster's slots (%s)", failure.toString());
            layoutChecked(round, null);
        });
    }

    private void layoutChecked(TrackingRound round, String change) {
        synchronized (guard) {
            if (round.ended()) {
                return;
            }
            round.layoutCheckInFlight(false);
            if (change != null) {
                loss.lost(change);
            }
        }
    }
}
