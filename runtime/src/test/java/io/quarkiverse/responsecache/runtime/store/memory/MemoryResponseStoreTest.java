package io.quarkiverse.responsecache.runtime.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.runtime.time.FakeClock;
import io.quarkiverse.responsecache.spi.EntryMarks;
import io.smallrye.mutiny.Uni;

/** The in-memory store behaves as Redis does: TTLs, indexes and locks, on the cache's clock. */
class MemoryResponseStoreTest {

    static final Duration TTL = Duration.ofSeconds(10);
    static final Duration LEASE = Duration.ofSeconds(5);
    static final long MIB = 1024 * 1024;

    final FakeClock clock = new FakeClock();
    final MemoryResponseStore store = new MemoryResponseStore(64 * MIB, clock);

    static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static <T> T now(Uni<T> operation) {
        // the memory store never waits: its answers are there at subscription
        return operation.await().atMost(Duration.ofSeconds(1));
    }

    /** @return whether an eviction left its tombstone under the key (a miss to a lookup) */
    boolean isTombstone(String key) {
        byte[] value = now(store.get(key));
        return value != null && EntryMarks.isMark(value);
    }

    String get(String key) {
        byte[] value = now(store.get(key));
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    void put(String key, String value, Map<String, String> memberships) {
        now(store.put(key, bytes(value), TTL, memberships));
    }

    @Test
    void anEntryIsReadBackUntilItsTimeToLiveEnds() {
        assertThat(get("k")).isNull();
        put("k", "v", Map.of());
        assertThat(get("k")).isEqualTo("v");
        clock.advance(TTL.minusMillis(1));
        assertThat(get("k")).isEqualTo("v");
        clock.advance(Duration.ofMillis(1));
        assertThat(get("k")).isNull();
    }

    @Test
    void aPutReplacesTheEntryAndItsTimeToLive() {
        put("k", "first", Map.of());
        clock.advance(Duration.ofSeconds(8));
        put("k", "second", Map.of());
        clock.advance(Duration.ofSeconds(8));
        assertThat(get("k")).isEqualTo("second");
        clock.advance(Duration.ofSeconds(2));
        assertThat(get("k")).isNull();
    }

    @Test
    void aZeroTimeToLiveStoresNothingReadable() {
        now(store.put("k", bytes("v"), Duration.ZERO, Map.of()));
        assertThat(get("k")).isNull();
    }

    @Test
    void deleteSaysWhetherALiveEntryWasRemoved() {
        put("k", "v", Map.of());
        assertThat(now(store.delete("k"))).isEqualTo(1L);
        assertThat(isTombstone("k")).isTrue();
        assertThat(now(store.delete("k"))).isZero();
        assertThat(now(store.delete("never"))).isZero();
        put("old", "v", Map.of());
        clock.advance(TTL);
        assertThat(now(store.delete("old"))).as("an expired entry no longer exists").isZero();
    }

    @Test
    void theBytesHeldNeverExceedTheBoundWhateverIsWritten() {
        MemoryResponseStore small = new MemoryResponseStore(MIB, clock);
        byte[] body = new byte[100 * 1024];
        for (int i = 0; i < 200; i++) {
            String key = "k" + i;
            now(small.put(key, body, TTL, Map.of("#tag:all", key, "#tag:" + key, key)));
            assertThat(small.weightedSize()).as("after %d puts", i + 1).isLessThanOrEqualTo(MIB);
        }
        Set<String> held = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            if (now(small.get("k" + i)) != null) {
                held.add("k" + i);
            }
        }
        assertThat(held).as("ten 100 KiB bodies and their keys and indexes fill 1 MiB").isNotEmpty()
                .hasSizeLessThanOrEqualTo(10);
        assertThat(small.size()).isEqualTo(held.size());
        assertThat(now(small.members("#tag:all"))).as("the evicted entries left the index").isEqualTo(held);
        assertThat(small.indexCount()).as("and their own indexes went with them").isEqualTo(held.size() + 1);
    }

    @Test
    void anEntryHeavierThanTheBoundIsNotKept() {
        MemoryResponseStore small = new MemoryResponseStore(MIB, clock);
        now(small.put("small", bytes("v"), TTL, Map.of("#tag:t", "small")));
        now(small.put("huge", new byte[(int) (2 * MIB)], TTL, Map.of("#tag:t", "huge")));
        assertThat(now(small.get("huge"))).isNull();
        assertThat(now(small.members("#tag:t"))).containsExactly("small");
        assertThat(small.weightedSize()).isLessThanOrEqualTo(MIB);
    }

    @Test
    void anEntryWeighsItsEncodedResponseItsKeyAndItsMemberships() {
        byte[] value = new byte[1000];
        int bare = MemoryEntry.weigh("key", value, Map.of());
        assertThat(bare).isGreaterThan(1000 + "key".length());
        int tagged = MemoryEntry.weigh("key", value, Map.of("#tag:products", "key"));
        assertThat(tagged - bare).as("a membership is held in the entry and in its index")
                .isGreaterThan(2 * ("#tag:products".length() + "key".length()));
        assertThat(MemoryEntry.weigh("a-much-longer-key", value, Map.of())).isGreaterThan(bare);
    }

    @Test
    void expiredEntriesLeaveTheirIndexesWithoutBeingRead() {
        for (int i = 0; i < 50; i++) {
            put("old" + i, "v", Map.of("#tag:old", "old" + i, "#tag:old" + i, "old" + i));
        }
        assertThat(store.indexCount()).isEqualTo(51);
        clock.advance(TTL.plusMinutes(5));
        put("new", "v", Map.of("#tag:new", "new"));
        assertThat(store.weightedSize()).as("upkeep dropped the expired entries").isPositive();
        assertThat(store.size()).isEqualTo(1);
        assertThat(now(store.members("#tag:old"))).isEmpty();
        assertThat(store.indexCount()).isEqualTo(1);
    }

    @Test
    void rewritingAnEntryKeepsOneCopyAndItsNewTimeToLive() {
        put("a", "1", Map.of());
        long once = store.weightedSize();
        put("a", "2", Map.of());
        assertThat(store.weightedSize()).isEqualTo(once);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void anEvictedEntryLeavesItsIndexes() {
        MemoryResponseStore small = new MemoryResponseStore(MIB, clock);
        byte[] body = new byte[(int) (MIB * 3 / 4)];
        now(small.put("a", body, TTL, Map.of("tag", "a")));
        now(small.put("b", body, TTL, Map.of("tag", "b")));
        Set<String> members = now(small.members("tag"));
        assertThat(members).hasSize(1);
        assertThat(now(small.get(members.iterator().next()))).as("the one listed is the one held").isNotNull();
    }

    @Test
    void theDefaultBoundIsATenthOfTheMaximumHeap() {
        assertThat(MemoryResponseStore.defaultMaxBytes(256 * MIB)).isBetween(25 * MIB, 26 * MIB);
    }

    @Test
    void anIndexListsItsMembers() {
        put("p1", "1", Map.of("#tag:product:1", "p1", "#tag:products", "p1"));
        put("p2", "2", Map.of("#tag:product:2", "p2", "#tag:products", "p2"));
        assertThat(now(store.members("#tag:products"))).containsExactlyInAnyOrder("p1", "p2");
        assertThat(now(store.members("#tag:product:1"))).containsExactly("p1");
        assertThat(now(store.members("#tag:none"))).isEmpty();
    }

    @Test
    void membersAreASnapshot() {
        put("p1", "1", Map.of("#tag:products", "p1"));
        Set<String> members = now(store.members("#tag:products"));
        put("p2", "2", Map.of("#tag:products", "p2"));
        assertThat(members).containsExactly("p1");
        assertThat(members).isUnmodifiable();
    }

    @Test
    void evictingAnIndexRemovesExactlyItsMembers() {
        put("p1", "1", Map.of("#tag:product:1", "p1", "#tag:products", "p1"));
        put("p2", "2", Map.of("#tag:product:2", "p2", "#tag:products", "p2"));
        put("c1", "3", Map.of("#tag:categories", "c1"));
        assertThat(now(store.evictIndex("#tag:products"))).isEqualTo(2L);
        assertThat(isTombstone("p1")).isTrue();
        assertThat(isTombstone("p2")).isTrue();
        assertThat(get("c1")).isEqualTo("3");
        assertThat(now(store.members("#tag:products"))).isEmpty();
        assertThat(now(store.members("#tag:product:1"))).as("the evicted entries left their other indexes").isEmpty();
        assertThat(now(store.members("#tag:categories"))).containsExactly("c1");
        assertThat(now(store.evictIndex("#tag:products"))).isZero();
        assertThat(now(store.evictIndex("#tag:unknown"))).isZero();
    }

    @Test
    void evictionCountsOnlyEntriesThatStillExisted() {
        put("p1", "1", Map.of("#tag:products", "p1"));
        clock.advance(Duration.ofSeconds(5));
        put("p2", "2", Map.of("#tag:products", "p2"));
        put("p3", "3", Map.of("#tag:products", "p3"));
        now(store.delete("p3"));
        clock.advance(Duration.ofSeconds(5));
        assertThat(now(store.evictIndex("#tag:products"))).as("p1 expired, p3 deleted").isEqualTo(1L);
        assertThat(isTombstone("p2")).isTrue();
    }

    @Test
    void aRemovedEntryLeavesItsIndexesAndAnEmptyIndexGoes() {
        put("p1", "1", Map.of("#tag:products", "p1"));
        put("p2", "2", Map.of("#tag:products", "p2"));
        now(store.delete("p1"));
        assertThat(now(store.members("#tag:products"))).containsExactly("p2");
        clock.advance(TTL);
        assertThat(get("p2")).as("expired, and removed when read").isNull();
        assertThat(now(store.members("#tag:products"))).isEmpty();
    }

    @Test
    void aRewrittenEntryBelongsOnlyToItsNewIndexes() {
        put("p1", "1", Map.of("#tag:old", "p1"));
        put("p1", "1'", Map.of("#tag:new", "p1"));
        assertThat(now(store.members("#tag:old"))).isEmpty();
        assertThat(now(store.members("#tag:new"))).containsExactly("p1");
    }

    @Test
    void aMembershipNamingSomethingElseStaysWhenTheEntryGoes() {
        // the namespace registry lists namespace indexes, not entries: one entry leaving does not unlist its namespace
        put("p1", "1", Map.of("#ns:shop", "p1", "#namespaces", "#ns:shop"));
        put("p2", "2", Map.of("#ns:shop", "p2", "#namespaces", "#ns:shop"));
        now(store.delete("p1"));
        now(store.delete("p2"));
        assertThat(now(store.members("#ns:shop"))).isEmpty();
        assertThat(now(store.members("#namespaces"))).containsExactly("#ns:shop");
    }

    @Test
    void aLockIsTakenOnceUntilItsLeaseEnds() {
        assertThat(now(store.tryLock("k:lock", "me", LEASE))).isTrue();
        assertThat(now(store.tryLock("k:lock", "you", LEASE))).isFalse();
        assertThat(now(store.tryLock("k:lock", "me", LEASE))).as("not re-entrant").isFalse();
        assertThat(now(store.tryLock("other:lock", "you", LEASE))).as("locks are per key").isTrue();
        clock.advance(LEASE.minusMillis(1));
        assertThat(now(store.tryLock("k:lock", "you", LEASE))).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(now(store.tryLock("k:lock", "you", LEASE))).as("the lease ran out").isTrue();
    }

    @Test
    void onlyTheHolderReleasesALock() {
        now(store.tryLock("k:lock", "me", LEASE));
        now(store.unlock("k:lock", "you"));
        assertThat(now(store.tryLock("k:lock", "you", LEASE))).isFalse();
        now(store.unlock("k:lock", "me"));
        assertThat(now(store.tryLock("k:lock", "you", LEASE))).isTrue();
    }

    @Test
    void aHolderWhoseLeaseRanOutDoesNotReleaseTheNextHoldersLock() {
        now(store.tryLock("k:lock", "me", LEASE));
        clock.advance(LEASE);
        assertThat(now(store.tryLock("k:lock", "you", LEASE))).isTrue();
        now(store.unlock("k:lock", "me"));
        assertThat(now(store.tryLock("k:lock", "third", LEASE))).isFalse();
        now(store.unlock("unknown:lock", "me"));
    }

    @Test
    void warmingUpDoesNothing() {
        assertThat(now(store.warmUp())).isNull();
    }

    @Test
    void aStoreUnderAClaimLandsWhenNothingWroteTheKeySince() {
        String claim = now(store.claim("k", TTL, Map.of("#tag:t", "k")));
        assertThat(now(store.members("#tag:t"))).as("findable before it holds an entry").containsExactly("k");
        assertThat(get("k")).as("a placeholder, a miss to lookups").startsWith("RC-PENDING ");
        assertThat(now(store.putIfClaimed("k", claim, bytes("v"), TTL, Map.of("#tag:t", "k")))).isTrue();
        assertThat(get("k")).isEqualTo("v");
    }

    @Test
    void anEvictionDuringTheComputationRefusesItsStoreEvenOnceTheTombstoneIsGone() {
        String claim = now(store.claim("k", TTL, Map.of("#tag:t", "k")));
        assertThat(now(store.evictIndex("#tag:t"))).as("a placeholder is not an entry").isZero();
        assertThat(isTombstone("k")).isTrue();
        clock.advance(EntryMarks.TOMBSTONE_LIFETIME);
        assertThat(now(store.putIfClaimed("k", claim, bytes("old"), TTL, Map.of("#tag:t", "k")))).isFalse();
        assertThat(get("k")).isNull();
    }

    @Test
    void aClaimOnALiveEntryKeepsItAndIsRefusedOnceTheEntryIsEvicted() {
        put("k", "stale", Map.of("#tag:a", "k"));
        String claim = now(store.claim("k", TTL, Map.of("#tag:b", "k")));
        assertThat(get("k")).isEqualTo("stale");
        assertThat(now(store.evictIndex("#tag:b"))).isEqualTo(1L);
        assertThat(now(store.putIfClaimed("k", claim, bytes("old"), TTL, Map.of("#tag:b", "k")))).isFalse();
        assertThat(isTombstone("k")).isTrue();
    }

    @Test
    void aClaimAfterTheEvictionStores() {
        put("k", "v1", Map.of("#tag:t", "k"));
        now(store.evictIndex("#tag:t"));
        String claim = now(store.claim("k", TTL, Map.of("#tag:t", "k")));
        assertThat(now(store.putIfClaimed("k", claim, bytes("v2"), TTL, Map.of("#tag:t", "k")))).isTrue();
        assertThat(get("k")).isEqualTo("v2");
        assertThat(now(store.members("#tag:t"))).containsExactly("k");
    }
}
