package io.quarkiverse.responsecache.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkiverse.responsecache.runtime.observe.CacheOutcome;

class ResponseCacheMetersTest {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final ResponseCacheMeters meters = new ResponseCacheMeters(registry,
            Map.of("Products.list", "products", "Products.get", "products", "Orders.get", "orders"));

    @Test
    void getsCountWhatTheCacheAnsweredAndBypassesAreNoGets() {
        meters.answered("Orders.get", CacheOutcome.MISS, "redis", "fwd=uri-miss; stored", -1);
        meters.answered("Orders.get", CacheOutcome.HIT, "redis", "hit; ttl=30", 0);
        meters.answered("Orders.get", CacheOutcome.STALE, "redis", "hit; ttl=-1; detail=stale", 70);
        meters.answered("Orders.get", CacheOutcome.COALESCED, "redis", "hit; ttl=60; detail=coalesced", 0);
        meters.answered("Orders.get", CacheOutcome.BYPASS, "none", "fwd=bypass; detail=store-unavailable", -1);

        assertThat(count("cache.gets", "cache", "Orders.get", "result", "hit")).isEqualTo(3);
        assertThat(count("cache.gets", "cache", "Orders.get", "result", "miss")).isEqualTo(1);
        assertThat(count("response.cache.requests", "cache", "Orders.get", "outcome", "stale", "tier", "redis"))
                .isEqualTo(1);
        assertThat(count("response.cache.requests", "cache", "Orders.get", "outcome", "bypass", "tier", "none"))
                .isEqualTo(1);
        assertThat(count("cache.gets", "cache", "Products.list", "result", "hit")).isZero();
    }

    @Test
    void putsSizesLookupsAndFailures() {
        meters.stored("Orders.get", 120);
        meters.stored("Orders.get", 80);
        meters.lookedUp("redis", TimeUnit.MILLISECONDS.toNanos(2), true);
        meters.storeFailed("get");
        meters.storeFailed("get");
        meters.storeFailed("put");

        assertThat(count("cache.puts", "cache", "Orders.get")).isEqualTo(2);
        assertThat(registry.get("response.cache.entry.size").tag("cache", "Orders.get").summary().totalAmount())
                .isEqualTo(200);
        assertThat(registry.get("response.cache.lookup").tag("tier", "redis").timer().count()).isEqualTo(1);
        assertThat(count("response.cache.store.failures", "operation", "get")).isEqualTo(2);
        assertThat(count("response.cache.store.failures", "operation", "put")).isEqualTo(1);
    }

    @Test
    void evictionsNameTheEndpointOnlyWhenTheNamespaceIsItsAlone() {
        meters.evicted("namespace", "orders", 3);
        meters.evicted("namespace", "products", 4);
        meters.evicted("tag", "product:1", 2);
        meters.evicted("all", "", 5);

        assertThat(count("cache.evictions", "cache", "Orders.get")).isEqualTo(3);
        assertThat(count("cache.evictions", "cache", "Products.list")).isZero();
        assertThat(count("cache.evictions", "cache", "*")).isEqualTo(11);
    }

    /** The Prometheus registry refuses a meter whose tag keys differ from another of the same name. */
    @Test
    void everyMeterOfOneNameHasTheSameTagKeys() {
        for (CacheOutcome outcome : CacheOutcome.values()) {
            meters.answered("Orders.get", outcome, "redis", "", 0);
            meters.answered("Unknown.endpoint", outcome, "none", "", -1);
        }
        meters.stored("Orders.get", 1);
        meters.lookedUp("memory", 1, false);
        meters.lookedUp("redis", 1, false);
        meters.storeFailed("evict");
        meters.evicted("key", "k", 1);

        Map<String, Set<Set<String>>> tagKeysByName = new HashMap<>();
        for (Meter meter : registry.getMeters()) {
            Set<String> keys = new HashSet<>();
            for (Tag tag : meter.getId().getTags()) {
                keys.add(tag.getKey());
            }
            tagKeysByName.computeIfAbsent(meter.getId().getName(), name -> new HashSet<>()).add(keys);
        }
        assertThat(tagKeysByName).containsKeys("cache.gets", "cache.puts", "cache.evictions",
                "response.cache.requests", "response.cache.lookup", "response.cache.entry.size",
                "response.cache.store.failures");
        tagKeysByName.forEach((name, keySets) -> assertThat(keySets).as(name).hasSize(1));
        assertThat(tagKeysByName.get("cache.gets")).containsExactly(Set.of("cache", "result"));
        assertThat(tagKeysByName.get("cache.puts")).containsExactly(Set.of("cache"));
        assertThat(tagKeysByName.get("response.cache.requests")).containsExactly(Set.of("cache", "outcome", "tier"));
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

}
