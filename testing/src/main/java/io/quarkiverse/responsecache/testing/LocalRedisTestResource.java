package io.quarkiverse.responsecache.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the application under test at {@link LocalRedis}. Use with {@code @QuarkusTestResource} or
 * {@code @WithTestResource}; it also passes the address to a packaged application under
 * {@code @QuarkusIntegrationTest}.
 */
public class LocalRedisTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return LocalRedis.url().map(url -> Map.of("quarkus.redis.hosts", url)).orElse(Map.of());
    }

    @Override
    public void stop() {
        // the server is shared by the JVM's tests and stops with it
    }
}
