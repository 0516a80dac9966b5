package io.quarkiverse.responsecache.runtime.invalidation;

import static io.quarkiverse.responsecache.runtime.TestConfig.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.ResponseCacheInvalidator;
import io.quarkiverse.responsecache.runtime.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
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
    final EntryIndexes indexes = new EntryIndexes(store, config);
    final ResponseCacheInvalidator invalidator = new StoreResponseCacheInvalidator(
            new GuardedEvictions(indexes, store, config));

    static <T> T now(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(5));
    }

    void stored(String key, String namespace, String... tags) {
        now(store.put(key, RESPONSE, Duration.ofMinutes(1), indexes.memberships(key, namespace, List.of(tags))));
    }

    boolean exists(String key) {
        return now(memory.get(key)) != null;
    }

    @Test
    void anEntryJoinsItsNamespaceAndTagIndexesAndItsNamespaceTheRegistry() {
        assertThat(indexes.memberships("response-cache:products:h", "products", List.of("products", "product:1")))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "response-cache#ns:products", "response-cache:products:h",
                        "response-cache#namespaces", "response-cache#ns:products",
                        "response-cache#tag:products", "response-cache:products:h",
                        "response-cache#tag:product:1", "response-cache:products:h"));
        assertThat(indexes.memberships("response-cache::h", "", List.of())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "response-cache#ns:", "response-cache::h",
                "response-cache#namespaces", "response-cache#ns:"));
    }

    @Test
    void indexNamesFollowTheConfiguredPrefix() {
        EntryIndexes shop = new EntryIndexes(store, config("quarkus.response-cache.prefix", "shop"));
        assertThat(shop.memberships("shop:n:h", "n", List.of("t"))).containsOnlyKeys("shop#ns:n", "shop#namespaces",
                "shop#tag:t");
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
        assertThat(now(memory.members("response-cache#namespaces"))).isEmpty();
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
