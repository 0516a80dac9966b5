package io.quarkiverse.responsecache.runtime.store.redis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Response;

/**
 * The masters of a Redis Cluster and the slots each one serves ({@code CLUSTER SLOTS}). Replicas are left out: only
 * masters execute writes, so only their notifications matter.
 */
public final class ClusterTopology {

    /** A master with a single slot needs 16384 candidates on average. */
    private static final int MAX_CANARY_CANDIDATES = 1 << 20;

    public record SlotRange(int first, int last) {
    }

    public record Master(String id, String host, int port, List<SlotRange> ranges) {

        public String address() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    private final List<Master> masters;
    /** -1 for a slot no master serves. */
    private final int[] owners;

    public ClusterTopology(List<Master> masters) {
        List<Master> sorted = new ArrayList<>(masters);
        sorted.sort(Comparator.comparing(Master::address).thenComparing(Master::id));
        this.masters = List.copyOf(sorted);
        this.owners = new int[HashSlot.SLOTS];
        Arrays.fill(owners, -1);
        for (int i = 0; i < this.masters.size(); i++) {
            for (SlotRange range : this.masters.get(i).ranges()) {
                Arrays.fill(owners, range.first(), range.last() + 1, i);
            }
        }
    }

    public static Uni<ClusterTopology> read(ReactiveRedisDataSource cluster) {
        // a command without a key: any node answers, each knows the whole map
        return cluster.execute("CLUSTER", "SLOTS").map(reply -> parse(reply.getDelegate()));
    }

    /** @throws IllegalStateException when the reply has another shape, or names a master without an address */
    public static ClusterTopology parse(Response reply) {
        if (reply == null || reply.size() == 0) {
            throw new IllegalStateException("the cluster serves no slots");
        }
        Map<String, List<SlotRange>> rangesByMaster = new LinkedHashMap<>();
        Map<String, Master> mastersByKey = new LinkedHashMap<>();
        for (Response range : reply) {
            if (range == null || range.size() < 3 || range.get(2) == null || range.get(2).size() < 2) {
                throw new IllegalStateException("unexpected CLUSTER SLOTS entry: " + range);
            }
            int first = range.get(0).toInteger();
            int last = range.get(1).toInteger();
            if (first < 0 || last < first || last >= HashSlot.SLOTS) {
                throw new IllegalStateException("unexpected slot range " + first + "-" + last);
            }
            Response node = range.get(2);
            String host = node.get(0) == null ? "" : node.get(0).toString();
            if (host.isEmpty() || "?".equals(host)) {
                // behind a proxy or load balancer: no address to open a connection to
                throw new IllegalStateException("the cluster does not announce the address of the master of slots "
                        + first + "-" + last);
            }
            int port = node.get(1).toInteger();
            String id = node.size() > 2 && node.get(2) != null ? node.get(2).toString() : "";
            String key = id + "@" + host + ":" + port;
            mastersByKey.putIfAbsent(key, new Master(id, host, port, List.of()));
            rangesByMaster.computeIfAbsent(key, k -> new ArrayList<>()).add(new SlotRange(first, last));
        }
        List<Master> masters = new ArrayList<>();
        for (Map.Entry<String, Master> entry : mastersByKey.entrySet()) {
            List<SlotRange> ranges = rangesByMaster.get(entry.getKey());
            ranges.sort(Comparator.comparingInt(SlotRange::first));
            Master master = entry.getValue();
            masters.add(new Master(master.id(), master.host(), master.port(), List.copyOf(ranges)));
        }
        return new ClusterTopology(masters);
    }

    public List<Master> masters() {
        return masters;
    }

    public Master ownerOf(int slot) {
        int owner = owners[slot];
        return owner < 0 ? null : masters.get(owner);
    }

    /**
     * A canary per master: a key under {@code base} in a slot of that master, so its notification can only arrive over
     * that master's connection. See architecture.adoc, section "Keeping the near cache coherent".
     */
    public Map<Master, String> canaryKeys(String base) {
        Map<Master, String> canaries = new LinkedHashMap<>();
        if (HashSlot.hasTag(base)) {
            Master owner = ownerOf(HashSlot.of(base));
            if (owner == null) {
                throw new IllegalStateException("no master serves the slot of '" + base + "'");
            }
            canaries.put(owner, base);
            return canaries;
        }
        for (int n = 0; canaries.size() < masters.size() && n < MAX_CANARY_CANDIDATES; n++) {
            String candidate = base + ":{" + n + "}";
            Master owner = ownerOf(HashSlot.of(candidate));
            if (owner != null) {
                canaries.putIfAbsent(owner, candidate);
            }
        }
        if (canaries.size() < masters.size()) {
            throw new IllegalStateException("no canary key found for every master of " + this);
        }
        Map<Master, String> ordered = new LinkedHashMap<>();
        for (Master master : masters) {
            ordered.put(master, canaries.get(master));
        }
        return ordered;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClusterTopology topology && masters.equals(topology.masters);
    }

    @Override
    public int hashCode() {
        return masters.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Master master : masters) {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(master.address()).append(' ');
            for (int i = 0; i < master.ranges().size(); i++) {
                SlotRange range = master.ranges().get(i);
                text.append(i == 0 ? "" : ",").append(range.first()).append('-').append(range.last());
            }
        }
        return text.toString();
    }
}
