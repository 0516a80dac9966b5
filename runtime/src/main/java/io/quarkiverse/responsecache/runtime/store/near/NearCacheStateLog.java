package io.quarkiverse.responsecache.runtime.store.near;

import org.jboss.logging.Logger;

/**
 * What {@link NearCacheTracking} says of the tier's state: each change once, an outage once however many retries it
 * takes, under the tracking's own log category. Called under the tracking's monitor.
 */
final class NearCacheStateLog {

    private static final Logger LOG = Logger.getLogger(NearCacheTracking.class);

    /** Whether the tier was on at some point, so a later loss is worth a warning. */
    private boolean wasOn;
    /** Whether the current outage was reported, so that each retry does not log again. */
    private boolean outageReported;

    void on(boolean cluster, int masters, String prefix) {
        if (wasOn) {
            LOG.info("Response cache: the near cache is on again, Redis's notifications arrive");
        } else if (!cluster) {
            LOG.infof("Response cache: the near cache is on (notifications from Redis for keys under '%s')", prefix);
        } else {
            LOG.infof("Response cache: the near cache is on (notifications from %s of the Redis Cluster for keys under"
                    + " '%s')", masters == 1 ? "the one master that serves them" : "each of the " + masters + " masters",
                    prefix);
        }
        wasOn = true;
        outageReported = false;
    }

    void lost(String reason) {
        if (outageReported) {
            LOG.debugf("Response cache: near cache notifications still unavailable (%s)", reason);
        } else if (wasOn) {
            LOG.warnf("Response cache: the near cache is off until Redis's notifications are back (%s); hits are"
                    + " answered by Redis meanwhile", reason);
        } else {
            LOG.warnf("Response cache: the near cache is not on yet, Redis's notifications do not arrive (%s);"
                    + " retrying", reason);
        }
        outageReported = true;
    }

    void refused(String commands, String message) {
        LOG.warnf("Response cache: the near cache stays off: Redis refuses client-side caching notifications"
                + " (" + commands + ": %s); responses are still cached in Redis", message);
    }

    void unsupported(String why) {
        LOG.warnf("Response cache: the near cache stays off (quarkus.response-cache.near-cache.enabled=true): %s;"
                + " responses are still cached in Redis", why);
    }
}
