package io.quarkiverse.responsecache.runtime.invalidation;

import static io.quarkiverse.responsecache.runtime.TestConfig.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.ResponseCacheInvalidator;
import io.quarkiverse.responsecache.runtime.LogCapture;
import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.entry.CachedResponseCodec;
import io.quarkiverse.responsecache.runtime.store.GuardedStore;
import io.quarkiverse.responsecache.runtime.store.memory.MemoryResponseStore;
import io.quarkiverse.responsecache.runtime.time.FakeClock;
import io.smallrye.mutiny.Uni;

/** Entries found for eviction by key, tag, namespace, or all at once, through the indexes they join when stored. */
class EntryIndexesTest {

    static final CachedResponse RESPONSE = new CachedResponse(200, 1_900_000_000_000L, "\"e\"", List.of(),
            "body".getBytes(StandardCharsets.UTF_8));

    final FakeClock clock = new FakeClock();
    final MemoryResponseStore memory = new MemoryResponseStore(64L * 1024 * 1024, clock);
    final ResponseCacheConfig config = config();
    final GuardedStore store = new GuardedStore(memory, config, clock);
    final EntryIndexes indexes = new EntryIndexes(store, config, clock);
    final ResponseCacheInvalidator invalidator = new StoreResponseCacheInvalidator(
            new GuardedEvictions(indexes, store, config));

    static <T> T now(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(5));
    }

    void stored(String key, String namespace, String... tags) {
        now(store.put(key, RESPONSE, Duration.ofMinutes(1), indexes.memberships(key, namespace, List.of(tags))));
        now(indexes.register(namespace, Duration.ofMinutes(1)));
    }

    boolean exists(String key) {
        return CachedResponseCodec.decode(now(memory.get(key))) != null;
    }

    /**
     * A rendered tag list longer than {@code max-tags} would cost one index write per tag on every miss: the entry
     * joins its namespace (and URL) only, and the endpoint is warned about once. Duplicates count once.
     */
    @Test
    void moreTagsThanTheLimitIndexTheNamespaceOnly() {
        EntryIndexes limited = new EntryIndexes(store, config, clock, 2);
        String key = "response-cache:products:h";
        assertThat(limited.memberships(key, "products", List.of("a", "b", "a"), "/p", "E.get")).hasSize(3)
                .containsKeys(limited.tagIndex("a"), limited.tagIndex("b"));
        try (LogCapture log = LogCapture.of(EntryIndexes.class)) {
            assertThat(limited.memberships(key, "products", List.of("a", "b", "c"), "/p", "E.get")).hasSize(1)
                    .doesNotContainKeys(limited.tagIndex("a"), limited.tagIndex("b"), limited.tagIndex("c"));
            assertThat(limited.memberships(key, "products", List.of("a", "b", "c", "d"), "/p", "E.get")).hasSize(1);
            assertThat(log.warnings()).hasSize(1).allSatisfy(warning -> assertThat(warning).contains("E.get"));
        }
    }

    @Test
    void anEntryJoinsOneShardOfItsNamespaceAndItsTagIndexes() {
        String key = "response-cache:products:h";
        int shard = Math.floorMod(key.hashCode(), EntryIndexes.NAMESPACE_SHARDS);
        assertThat(indexes.memberships(key, "products", List.of("products", "product:1")))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "response-cache#ns" + shard + ":products", key,
                        "response-cache#tag:products", key,
                        "response-cache#tag:product:1", key));
        assertThat(indexes.memberships("response-cache::h", "", List.of())).hasSize(1)
                .containsValue("response-cache::h");
    }

    @Test
    void theKeysOfANamespaceAreSpreadOverItsShards() {
        Set<String> shards = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            shards.addAll(indexes.memberships("response-cache:products:" + i, "products", List.of()).keySet());
        }
        assertThat(shards).hasSize(EntryIndexes.NAMESPACE_SHARDS);
    }

    @Test
    void anInstanceWritesANamespaceIntoTheRegistryOnceUntilItNeedsRefreshing() {
        AtomicInteger writes = new AtomicInteger();
        MemoryResponseStore counting = new MemoryResponseStore(100, clock) {
            @Override
            public Uni<Void> index(String index, String member, Duration timeToLive) {
                writes.incrementAndGet();
                return super.index(index, member, timeToLive);
            }
        };
        EntryIndexes counted = new EntryIndexes(new GuardedStore(counting, config, clock), config, clock);
        for (int i = 0; i < 100; i++) {
            now(counted.register("products", Duration.ofMinutes(1)));
        }
        assertThat(writes).hasValue(1);
        now(counted.register("categories", Duration.ofMinutes(1)));
        assertThat(writes).hasValue(2);
        now(counted.register("products", Duration.ofMinutes(10)));
        assertThat(writes).as("a longer-lived entry needs a longer registration").hasValue(3);
        clock.advance(Duration.ofSeconds(30));
        now(counted.register("products", Duration.ofMinutes(10)));
        assertThat(writes).as("still covered").hasValue(3);
        clock.advance(Duration.ofMinutes(1));
        now(counted.register("products", Duration.ofMinutes(10)));
        assertThat(writes).as("refreshed before it lapses").hasValue(4);
        assertThat(now(counting.members("response-cache#namespaces"))).containsExactlyInAnyOrder("products",
                "categories");
    }

    @Test
    void evictingATagEvictsItsEntriesOnly() {
        stored("k1", "products", "product:1", "products");
        stored("k2", "products", "product:2", "products");
        stored("k3", "categories", "categories");
        assertThat(invalidator.evictTagAndAwait("product:1")).isEqualTo(1);
        assertThat(exists("k1")).isFalse();
        assertThat(exists("k2")).isTrue();
        assertThat(invalidator.evictTagAndAwait("products")).isEqualTo(1);
        assertThat(exists("k2")).isFalse();
        assertThat(exists("k3")).isTrue();
        assertThat(invalidator.evictTagAndAwait("products")).isZero();
    }

    @Test
    void evictingANamespaceEvictsItsEntriesOnly() {
        stored("k1", "products");
        stored("k2", "products", "shared");
        stored("k3", "categories", "shared");
        assertThat(invalidator.evictNamespaceAndAwait("products")).isEqualTo(2);
        assertThat(exists("k1")).isFalse();
        assertThat(exists("k2")).isFalse();
        assertThat(exists("k3")).isTrue();
        assertThat(invalidator.evictTagAndAwait("shared")).as("k2 left its tag too").isEqualTo(1);
    }

    @Test
    void evictingAKeyEvictsThatEntry() {
        stored("k1", "products");
        stored("k2", "products");
        assertThat(invalidator.evictKeyAndAwait("k1")).isEqualTo(1);
        assertThat(invalidator.evictKeyAndAwait("k1")).isZero();
        assertThat(exists("k2")).isTrue();
    }

    @Test
    void evictingAllEvictsEveryNamespaceIncludingTheEmptyOne() {
        stored("k1", "products");
        stored("k2", "categories", "t");
        stored("k3", "");
        assertThat(invalidator.evictAllAndAwait()).isEqualTo(3);
        assertThat(exists("k1") || exists("k2") || exists("k3")).isFalse();
        assertThat(invalidator.evictAllAndAwait()).isZero();
    }

    @Test
    void evictingAllAfterANamespaceWasEvictedCountsWhatIsLeft() {
        stored("k1", "products");
        stored("k2", "categories");
        invalidator.evictNamespaceAndAwait("products");
        assertThat(invalidator.evictAllAndAwait()).isEqualTo(1);
    }

    @Test
    void evictingAllOfNothingIsZero() {
        assertThat(invalidator.evictAllAndAwait()).isZero();
    }
}
