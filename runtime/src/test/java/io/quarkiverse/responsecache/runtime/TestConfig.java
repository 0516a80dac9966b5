package io.quarkiverse.responsecache.runtime;

import java.util.HashMap;
import java.util.Map;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The runtime configuration as the application would get it, built by SmallRye Config from properties: the defaults
 * of {@link ResponseCacheConfig} apply, and the durations and sizes parse as they do in {@code application.properties}.
 */
public final class TestConfig {

    private TestConfig() {
    }

    /** @param properties pairs of name and value, e.g. {@code "quarkus.response-cache.lookup-timeout", "50ms"} */
    public static ResponseCacheConfig config(String... properties) {
        if (properties.length % 2 != 0) {
            throw new IllegalArgumentException("properties come in pairs of name and value");
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            values.put(properties[i], properties[i + 1]);
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDiscoveredConverters()
                .withMapping(ResponseCacheConfig.class)
                .withSources(new PropertiesConfigSource(values, "test", 100))
                .build();
        return config.getConfigMapping(ResponseCacheConfig.class);
    }
}
