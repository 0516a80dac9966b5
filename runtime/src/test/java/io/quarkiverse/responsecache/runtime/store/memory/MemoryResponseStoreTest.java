package io.quarkiverse.responsecache.runtime.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.runtime.time.FakeClock;
import io.smallrye.mutiny.Uni;

/** The in-memory store behaves as Redis does: TTLs, indexes and locks, on the cache's clock. */
class MemoryResponseStoreTest {

    static final Duration TTL = Duration.ofSeconds(10);
    static final Duration LEASE = Duration.ofSeconds(5);

    final FakeClock clock = new FakeClock();
    final MemoryResponseStore store = new MemoryResponseStore(100, clock);

    static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static <T> T now(Uni<T> operation) {
        // the memory store never waits: its answers are there at subscription
        return operation.await().atMost(Duration.ofSeconds(1));
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
        assertThat(get("k")).isNull();
        assertThat(now(store.delete("k"))).isZero();
        assertThat(now(store.delete("never"))).isZero();
        put("old", "v", Map.of());
        clock.advance(TTL);
        assertThat(now(store.delete("old"))).as("an expired entry no longer exists").isZero();
    }

    @Test
    void theLeastRecentlyUsedEntryGoesFirst() {
        MemoryResponseStore small = new MemoryResponseStore(2, clock);
        now(small.put("a", bytes("1"), TTL, Map.of()));
        now(small.put("b", bytes("2"), TTL, Map.of()));
        assertThat(now(small.get("a"))).isNotNull();
        now(small.put("c", bytes("3"), TTL, Map.of()));
        assertThat(now(small.get("b"))).as("least recently used").isNull();
        assertThat(now(small.get("a"))).isNotNull();
        assertThat(now(small.get("c"))).isNotNull();
    }

    @Test
    void theBoundIsTheNumberOfEntriesExactly() {
        MemoryResponseStore three = new MemoryResponseStore(3, clock);
        for (String key : new String[] { "a", "b", "c" }) {
            now(three.put(key, bytes(key), TTL, Map.of()));
        }
        for (String key : new String[] { "a", "b", "c" }) {
            assertThat(now(three.get(key))).as(key).isNotNull();
        }
        now(three.put("d", bytes("d"), TTL, Map.of()));
        assertThat(now(three.get("a"))).isNull();
        assertThat(now(three.get("b"))).isNotNull();
    }

    @Test
    void rewritingAnEntryMakesItTheMostRecentlyUsed() {
        MemoryResponseStore small = new MemoryResponseStore(2, clock);
        now(small.put("a", bytes("1"), TTL, Map.of()));
        now(small.put("b", bytes("2"), TTL, Map.of()));
        now(small.put("a", bytes("1'"), TTL, Map.of()));
        now(small.put("c", bytes("3"), TTL, Map.of()));
        assertThat(now(small.get("b"))).isNull();
        assertThat(new String(now(small.get("a")), StandardCharsets.UTF_8)).isEqualTo("1'");
    }

    @Test
    void anEvictedEntryLeavesItsIndexes() {
        MemoryResponseStore small = new MemoryResponseStore(1, clock);
        now(small.put("a", bytes("1"), TTL, Map.of("tag", "a")));
        now(small.put("b", bytes("2"), TTL, Map.of("tag", "b")));
        assertThat(now(small.members("tag"))).containsExactly("b");
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
        assertThat(get("p1")).isNull();
        assertThat(get("p2")).isNull();
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
        assertThat(get("p2")).isNull();
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
}
