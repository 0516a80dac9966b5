package io.quarkiverse.responsecache.runtime.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Hash slots as Redis Cluster computes them (the values of its specification and of {@code CLUSTER KEYSLOT}), and
 * the canary keys placed with them.
 */
class HashSlotTest {

    @Test
    void theCrcIsXmodem() {
        // the check value of CRC16/XMODEM, which the cluster specification quotes
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(HashSlot.crc16(check, 0, check.length)).isEqualTo(0x31C3);
    }

    @Test
    void slotsAreThoseOfClusterKeyslot() {
        assertThat(HashSlot.of("somekey")).isEqualTo(11058);
        assertThat(HashSlot.of("foo{hash_tag}")).isEqualTo(2515);
        assertThat(HashSlot.of("bar{hash_tag}")).isEqualTo(2515);
        assertThat(HashSlot.of("foo")).isEqualTo(12182);
    }

    @Test
    void onlyTheFirstNonEmptyTagCounts() {
        assertThat(HashSlot.of("{user1000}.following")).isEqualTo(HashSlot.of("{user1000}.followers"))
                .isEqualTo(HashSlot.of("user1000"));
        // the first { and the first } after it: the tag is "foo"
        assertThat(HashSlot.of("{foo}{bar}")).isEqualTo(HashSlot.of("foo"));
        // an empty tag is no tag: the whole key is hashed
        assertThat(HashSlot.of("foo{}{bar}")).isEqualTo(crcSlot("foo{}{bar}"));
        // the tag is "{bar": from the first { to the first } after it
        assertThat(HashSlot.of("foo{{bar}}zap")).isEqualTo(HashSlot.of("{bar"));
        assertThat(HashSlot.of("foo{bar")).isEqualTo(crcSlot("foo{bar"));
        assertThat(HashSlot.hasTag("app{x}:")).isTrue();
        assertThat(HashSlot.hasTag("app{}:")).isFalse();
        assertThat(HashSlot.hasTag("app{x:")).isFalse();
    }

    @Test
    void eachMasterGetsACanaryInOneOfItsSlots() {
        ClusterTopology.Master a = master("a", 7000, range(0, 5460));
        ClusterTopology.Master b = master("b", 7001, range(5461, 10922));
        // a master serving one slot alone, and the rest elsewhere
        ClusterTopology.Master c = master("c", 7002, range(10923, 10923));
        ClusterTopology.Master d = master("d", 7003, range(10924, 16383));
        ClusterTopology topology = new ClusterTopology(List.of(d, c, b, a));

        Map<ClusterTopology.Master, String> canaries = topology.canaryKeys("app:near-cache-canary:id");

        assertThat(canaries.keySet()).containsExactly(a, b, c, d);
        canaries.forEach((master, key) -> {
            assertThat(key).startsWith("app:near-cache-canary:id");
            assertThat(topology.ownerOf(HashSlot.of(key))).isEqualTo(master);
        });
    }

    @Test
    void aPrefixWithAHashTagKeepsEveryKeyOnOneMaster() {
        ClusterTopology.Master a = master("a", 7000, range(0, 8191));
        ClusterTopology.Master b = master("b", 7001, range(8192, 16383));
        ClusterTopology topology = new ClusterTopology(List.of(a, b));

        Map<ClusterTopology.Master, String> canaries = topology.canaryKeys("{app}:near-cache-canary:id");

        assertThat(canaries).containsOnlyKeys(topology.ownerOf(HashSlot.of("app")));
        assertThat(canaries.values()).containsExactly("{app}:near-cache-canary:id");
    }

    @Test
    void topologiesAreEqualWhenTheSameMastersServeTheSameSlots() {
        ClusterTopology one = new ClusterTopology(List.of(master("a", 7000, range(0, 8191)),
                master("b", 7001, range(8192, 16383))));
        ClusterTopology same = new ClusterTopology(List.of(master("b", 7001, range(8192, 16383)),
                master("a", 7000, range(0, 8191))));
        ClusterTopology moved = new ClusterTopology(List.of(master("a", 7000, range(0, 8190)),
                master("b", 7001, range(8191, 16383))));
        ClusterTopology failedOver = new ClusterTopology(List.of(master("a", 7000, range(0, 8191)),
                master("c", 7002, range(8192, 16383))));

        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(one).isNotEqualTo(moved).isNotEqualTo(failedOver);
        assertThat(one).hasToString("127.0.0.1:7000 0-8191, 127.0.0.1:7001 8192-16383");
    }

    static ClusterTopology.Master master(String id, int port, ClusterTopology.SlotRange range) {
        return new ClusterTopology.Master(id, "127.0.0.1", port, List.of(range));
    }

    static ClusterTopology.SlotRange range(int first, int last) {
        return new ClusterTopology.SlotRange(first, last);
    }

    static int crcSlot(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        return HashSlot.crc16(bytes, 0, bytes.length) % 16384;
    }
}
