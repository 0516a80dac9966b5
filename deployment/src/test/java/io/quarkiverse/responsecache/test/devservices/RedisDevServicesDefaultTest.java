package io.quarkiverse.responsecache.test.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.deployment.RedisDevServicesDefault;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;

/**
 * When the extension turns the Redis client's Dev Services off: only where the cache will not use Redis. (Whether a
 * container runtime answers, for {@code store=auto} without hosts, is the Dev Services' own check and not run here.)
 */
class RedisDevServicesDefaultTest {

    @Test
    void theMemoryStoreTurnsThemOff() {
        assertThat(defaults(Map.of("quarkus.response-cache.store", "memory")))
                .containsExactly(Map.entry("quarkus.redis.devservices.enabled", "false"));
    }

    @Test
    void aNamedClientHasItsOwnSetting() {
        assertThat(defaults(Map.of("quarkus.response-cache.store", "MEMORY",
                "quarkus.response-cache.redis-client-name", "cache")))
                .containsExactly(Map.entry("quarkus.redis.cache.devservices.enabled", "false"));
        assertThat(defaults(Map.of("quarkus.response-cache.store", "memory",
                "quarkus.response-cache.redis-client-name", "my.cache")))
                .containsExactly(Map.entry("quarkus.redis.\"my.cache\".devservices.enabled", "false"));
    }

    @Test
    void theRedisStoreLeavesThemOn() {
        assertThat(defaults(Map.of("quarkus.response-cache.store", "redis"))).isEmpty();
    }

    @Test
    void configuredHostsLeaveThemAsTheyAre() {
        assertThat(defaults(Map.of("quarkus.redis.hosts", "redis://localhost:6379"))).isEmpty();
        assertThat(defaults(Map.of("quarkus.response-cache.redis-client-name", "cache",
                "quarkus.redis.cache.hosts", "redis://localhost:6379"))).isEmpty();
    }

    @Test
    void aProductionBuildOrDevServicesOffNeedNothing() {
        assertThat(defaults(Map.of("quarkus.response-cache.store", "memory"), "prod")).isEmpty();
        assertThat(defaults(Map.of("quarkus.response-cache.store", "memory", "quarkus.devservices.enabled", "false")))
                .isEmpty();
    }

    private static Map<String, String> defaults(Map<String, String> config) {
        return defaults(config, "test");
    }

    private static Map<String, String> defaults(Map<String, String> config, String profile) {
        Map<String, String> values = new HashMap<>();
        for (ConfigSource source : new RedisDevServicesDefault().getConfigSources(context(config, profile))) {
            assertThat(source.getOrdinal()).as("below every configuration file").isLessThan(100);
            values.putAll(source.getProperties());
        }
        return values;
    }

    private static ConfigSourceContext context(Map<String, String> config, String profile) {
        return new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                return ConfigValue.builder().withName(name).withValue(config.get(name)).build();
            }

            @Override
            public Iterator<String> iterateNames() {
                return config.keySet().iterator();
            }

            @Override
            public List<String> getProfiles() {
                return List.of(profile);
            }
        };
    }
}
