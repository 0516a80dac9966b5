package io.quarkiverse.responsecache.test.lifetime;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;

/** Lifetimes decided per response, in the memory store. */
class MemoryLifetimesTest extends LifetimesContract {

    @RegisterExtension
    static final QuarkusUnitTest app = configure(LocalRedisUnitTest.withoutRedis("lifetimes-memory")
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.response-cache.store", "memory"));
}
