package io.quarkiverse.responsecache.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the application under test at {@link LocalRedis}. Use with {@code @QuarkusTestResource} or
 * {@code @WithTestResource}; it also passes the address to a packaged application under
 * {@code @QuarkusIntegrationTest}.
 */
public class LocalRedisTestResource implements QuarkusTestResourceLifecycleManager {

    /**
     * Also gives the store timeouts that a busy machine does not exceed: these tests are about what is cached, and a
     * lookup slower than the production default (100 ms) would turn a miss into a bypass that stores nothing.
     */
    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.response-cache.lookup-timeout", "5s");
        config.put("quarkus.response-cache.write-timeout", "5s");
        LocalRedis.url().ifPresent(url -> config.put("quarkus.redis.hosts", url));
        return config;
    }

    @Override
    public void stop() {
        // the server is shared by the JVM's tests and stops with it
    }
}
