package io.quarkiverse.responsecache.runtime.devui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

/** What the Dev UI says of the store: the card's words per store, and Redis hosts without their credentials. */
class ActiveStoreTest {

    @Test
    void theMemoryStoreIsInMemoryWithoutANearCache() {
        JsonObject memory = ActiveStore.describe("memory", false, "<default>", null);

        assertThat(memory.getString("label")).isEqualTo("in memory");
        assertThat(memory.getBoolean("nearCache")).isFalse();
        assertThat(memory.containsKey("hosts")).isFalse();
    }

    @Test
    void anApplicationsOwnStoreIsNamedSo() {
        assertThat(ActiveStore.describe("custom", false, "<default>", null).getString("label"))
                .isEqualTo("in the application's own store");
    }

    @Test
    void redisSaysWhetherTheNearCacheIsOn() {
        assertThat(ActiveStore.describe("redis", true, "<default>", null).getString("label"))
                .isEqualTo("in Redis, near cache on");
        JsonObject redis = ActiveStore.describe("redis", false, "cache", null);
        assertThat(redis.getString("label")).isEqualTo("in Redis");
        assertThat(redis.getString("client")).isEqualTo("cache");
        assertThat(redis.getBoolean("cluster")).isFalse();
    }

    @Test
    void aHostIsShownWithoutUserOrPassword() {
        assertThat(ActiveStore.withoutCredentials(URI.create("rediss://app:s3cret@cache.example:6380/2")))
                .isEqualTo("rediss://cache.example:6380");
        assertThat(ActiveStore.withoutCredentials(URI.create("redis://localhost"))).isEqualTo("redis://localhost");
    }
}
