package io.quarkiverse.responsecache.runtime.invalidation;

import static io.quarkiverse.responsecache.runtime.TestConfig.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.edge.EdgePurge;
import io.quarkiverse.responsecache.runtime.store.FakeStore;
import io.quarkiverse.responsecache.runtime.store.GuardedStore;
import io.quarkiverse.responsecache.runtime.time.FakeClock;
import io.smallrye.mutiny.Uni;

/** Every eviction, of every kind and however it ends in the store, purges the layers in front once, after the store. */
class EdgePurgeOfEvictionsTest {

    /** One purge as the layers in front got it. */
    record Purge(String kind, List<String> names, boolean soft) {
    }

    final FakeClock clock = new FakeClock();
    final FakeStore fake = new FakeStore(clock);
    final ResponseCacheConfig config = config("quarkus.response-cache.circuit-breaker.failure-threshold", "1");
    final GuardedStore store = new GuardedStore(fake, config, clock);
    final EntryIndexes indexes = new EntryIndexes(store, config, clock);
    final GuardedEvictions evictions = new GuardedEvictions(indexes, store, config);
    final List<Purge> purges = new CopyOnWriteArrayList<>();

    @BeforeEach
    void recordPurges() {
        indexes.edge = new EdgePurge() {
            @Override
            public Uni<Void> purge(String kind, Collection<String> names, boolean soft) {
                purges.add(new Purge(kind, List.copyOf(names), soft));
                return Uni.createFrom().voidItem();
            }
        };
    }

    static <T> T now(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void everyKindOfEvictionPurgesWhatItNamed() {
        now(indexes.evictKey("response-cache:items:abc"));
        now(indexes.evictTag("item:42"));
        now(indexes.evictNamespace("items"));
        now(indexes.evictUrl("/items/42"));
        now(indexes.evictAll());
        now(indexes.markedStale("tag", "item:43"));

        assertThat(purges).containsExactly(
                new Purge("key", List.of("response-cache:items:abc"), false),
                new Purge("tag", List.of("item:42"), false),
                new Purge("namespace", List.of("items"), false),
                new Purge("url", List.of("/items/42"), false),
                new Purge("all", List.of(""), false),
                new Purge("tag", List.of("item:43"), true));
    }

    @Test
    void theTagsOfOneWriteArePurgedTogether() {
        now(evictions.evictTags(List.of("entity:Book#1", "entity:Book")));

        assertThat(purges).containsExactly(new Purge("tag", List.of("entity:Book#1", "entity:Book"), false));
    }

    @Test
    void anEvictionTheStoreFailedOrRefusedStillPurges() {
        fake.evictions = FakeStore.Behaviour.FAIL;

        assertThatThrownBy(() -> now(evictions.evictTag("item:1")));
        // a failed lookup opens the breaker: the next eviction is refused without asking the store
        fake.gets = FakeStore.Behaviour.FAIL;
        assertThatThrownBy(() -> now(store.lookup("response-cache:items:abc")));
        assertThat(store.isOpen()).isTrue();
        assertThatThrownBy(() -> now(evictions.evictTag("item:2"))).hasMessageContaining("refused");

        assertThat(purges).containsExactly(new Purge("tag", List.of("item:1"), false),
                new Purge("tag", List.of("item:2"), false));
    }
}
