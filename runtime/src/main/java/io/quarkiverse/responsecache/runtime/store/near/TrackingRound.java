package io.quarkiverse.responsecache.runtime.store.near;

import java.util.List;

/**
 * One round of {@link NearCacheTracking}'s connections, from the discovery of the nodes to follow until they are
 * closed. Guarded by the tracking's monitor. A round that ended is never current again, so what still reports to it (a
 * discovery, a layout check) is ignored.
 */
final class TrackingRound {

    private final long startedNanos = System.nanoTime();
    private NotificationSources.Discovery discovery;
    private List<TrackedNode> nodes = List.of();
    private boolean layoutCheckInFlight;
    private boolean ended;

    /** The nodes were discovered, and their connections are about to open. */
    void follow(NotificationSources.Discovery found, List<TrackedNode> opened) {
        discovery = found;
        nodes = List.copyOf(opened);
    }

    long startedNanos() {
        return startedNanos;
    }

    NotificationSources.Discovery discovery() {
        return discovery;
    }

    List<TrackedNode> nodes() {
        return nodes;
    }

    boolean allTracking() {
        return !nodes.isEmpty() && nodes.stream().allMatch(TrackedNode::tracking);
    }

    /** @return whether a canary came back over every node's connection */
    boolean allConfirmed() {
        return nodes.stream().allMatch(TrackedNode::confirmed);
    }

    TrackedNode canaryOwner(String key) {
        for (TrackedNode node : nodes) {
            if (node.canaryKey().equals(key)) {
                return node;
            }
        }
        return null;
    }

    /** @return whether the topology is being read again (on a cluster); one read at a time */
    boolean layoutCheckInFlight() {
        return layoutCheckInFlight;
    }

    void layoutCheckInFlight(boolean inFlight) {
        layoutCheckInFlight = inFlight;
    }

    boolean ended() {
        return ended;
    }

    /** Closes every connection of the round; what they report from now on is ignored. */
    void end() {
        ended = true;
        discovery = null;
        layoutCheckInFlight = false;
        for (TrackedNode node : nodes) {
            node.close();
        }
        nodes = List.of();
    }
}
