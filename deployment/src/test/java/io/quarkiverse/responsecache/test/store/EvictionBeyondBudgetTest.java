package io.quarkiverse.responsecache.test.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.ResponseCacheInvalidator;
import io.quarkiverse.responsecache.ResponseCacheUnavailableException;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.entry.CachedResponseCodec;
import io.quarkiverse.responsecache.runtime.invalidation.EntryIndexes;
import io.quarkiverse.responsecache.spi.ResponseStore;
import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/**
 * An eviction larger than its budget, on a real Redis: the caller stops waiting when the budget runs out, but the
 * eviction goes on in the background and reaches every entry, rather than stopping half-way and leaving the rest to
 * be served until they expire.
 */
class EvictionBeyondBudgetTest {

    /** No Redis evicts this many entries within the budget below. */
    static final int ENTRIES = 20_000;
    static final Duration BUDGET = Duration.ofMillis(20);

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("eviction-beyond-budget-test")
            .overrideConfigKey("quarkus.response-cache.invalidation.timeout", BUDGET.toMillis() + "ms")
            .withApplicationRoot(root -> root.addClasses(Await.class));

    @Inject
    ResponseStore store;

    @Inject
    EntryIndexes indexes;

    @Inject
    ResponseCacheInvalidator invalidator;

    @Test
    void anEvictionThatOutlivesItsBudgetGoesOnUntilEveryEntryIsEvicted() {
        String tag = "large:" + Await.unique();
        String tagIndex = indexes.tagIndex(tag);
        byte[] entry = CachedResponseCodec.encode(new CachedResponse(200, System.currentTimeMillis() + 600_000,
                "\"large\"", List.of(), "large".getBytes(StandardCharsets.UTF_8)));
        List<String> keys = new ArrayList<>(ENTRIES);
        for (int i = 0; i < ENTRIES; i++) {
            keys.add(tagIndex + ":entry-" + i);
        }
        Multi.createFrom().iterable(keys)
                .onItem().transformToUni(key -> store.put(key, entry, Duration.ofMinutes(10), Map.of(tagIndex, key)))
                .merge(8).collect().last().await().atMost(Duration.ofSeconds(120));

        Throwable gaveUp = invalidator.evictTag(tag).subscribe().withSubscriber(UniAssertSubscriber.create())
                .awaitFailure(Duration.ofSeconds(30)).getFailure();
        assertThat(gaveUp).isInstanceOf(ResponseCacheUnavailableException.class)
                .hasMessageEndingWith("it goes on in the background");

        Await.awaiting("the eviction to reach every entry in the background").atMost(Duration.ofSeconds(60))
                .until(() -> store.members(tagIndex).await().atMost(Duration.ofSeconds(10)).isEmpty());
        assertThat(Multi.createFrom().iterable(keys).onItem().transformToUni(store::get).merge(8)
                .filter(stored -> CachedResponseCodec.decode(stored) != null).collect().asList()
                .await().atMost(Duration.ofSeconds(120))).as("entries still stored").isEmpty();
    }
}
