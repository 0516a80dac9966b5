package io.quarkiverse.responsecache.runtime.edge;

import static io.quarkiverse.responsecache.runtime.TestConfig.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.entry.CachedResponseCodec;
import io.quarkiverse.responsecache.runtime.invalidation.EntryIndexes;
import io.quarkiverse.responsecache.runtime.store.GuardedStore;
import io.quarkiverse.responsecache.runtime.store.memory.MemoryResponseStore;
import io.quarkiverse.responsecache.runtime.time.FakeClock;

class EdgeHeadersTest {

    final FakeClock clock = new FakeClock();

    EdgeHeaders headers(String... properties) {
        ResponseCacheConfig config = config(properties);
        GuardedStore store = new GuardedStore(new MemoryResponseStore(1024 * 1024, clock), config, clock);
        return new EdgeHeaders(config, new EntryIndexes(store, config, clock));
    }

    static CachedResponse entry(List<Map.Entry<String, String>> headers) {
        return new CachedResponse(200, 1_900_000_000_000L, "\"e\"", headers, "body".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anEntryStoredWithoutItsKeysIsNoHitWhileKeysAreConfigured() {
        CachedResponse old = entry(List.of(Map.entry("Content-Type", "text/plain")));
        CachedResponse tagged = entry(List.of(Map.entry("Content-Type", "text/plain"), Map.entry("xkey", "a b")));
        // an entry of an older version decodes, and only lacks the header
        CachedResponse decoded = CachedResponseCodec.decode(CachedResponseCodec.encode(tagged));

        assertThat(headers().carriesTags(old)).isTrue();
        EdgeHeaders xkey = headers("quarkus.response-cache.edge.tag-header", "xkey");
        assertThat(xkey.carriesTags(old)).isFalse();
        assertThat(xkey.carriesTags(decoded)).isTrue();
        assertThat(headers("quarkus.response-cache.edge.tag-header", "Surrogate-Key").carriesTags(tagged)).isFalse();
    }

    @Test
    void theLineListsTheResponsesOwnKeysThenItsTags() {
        EdgeHeaders cacheTag = headers("quarkus.response-cache.edge.tag-header", "Cache-Tag",
                "quarkus.response-cache.prefix", "shop");

        Map.Entry<String, String> line = cacheTag.tagLine("shop:items:h1", "items", List.of("item:1"),
                List.of("entity:Book#2", "entity:Book#*"), "/items/1");

        assertThat(line).isEqualTo(Map.entry("Cache-Tag",
                "shop,shop#ns:items,shop:items:h1,item:1,entity:Book#2,entity:Book#*"));
        assertThat(headers().tagLine("k", "", List.of(), List.of(), "/")).isNull();
    }

    @Test
    void theLayersInFrontMayKeepAResponseLongerUnlessItIsPrivate() {
        EdgeHeaders edge = headers("quarkus.response-cache.edge.max-age", "1h",
                "quarkus.response-cache.edge.cache-control-header", "Surrogate-Control");
        Map<String, String> shared = new HashMap<>();
        Map<String, String> personal = new HashMap<>();

        edge.cacheControl(false, shared::put);
        edge.cacheControl(true, personal::put);
        headers().cacheControl(false, personal::put);

        assertThat(shared).containsExactly(Map.entry("Surrogate-Control", "max-age=3600"));
        assertThat(personal).isEmpty();
    }
}
