package io.quarkiverse.responsecache.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;

/** The helper other tests build their configuration with gives what an application would get. */
class TestConfigTest {

    @Test
    void defaultsApply() {
        ResponseCacheConfig config = TestConfig.config();
        assertThat(config.defaultExpire()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.prefix()).isEqualTo("response-cache");
        assertThat(config.lookupTimeout()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.maxBodySize().asLongValue()).isEqualTo(1024 * 1024);
        assertThat(config.endpoint()).isEmpty();
    }

    @Test
    void propertiesOverride() {
        ResponseCacheConfig config = TestConfig.config("quarkus.response-cache.lookup-timeout", "50ms",
                "quarkus.response-cache.endpoint.\"Products.list\".expire", "5m");
        assertThat(config.lookupTimeout()).isEqualTo(Duration.ofMillis(50));
        assertThat(config.endpoint().get("Products.list").expire()).contains(Duration.ofMinutes(5));
    }
}
