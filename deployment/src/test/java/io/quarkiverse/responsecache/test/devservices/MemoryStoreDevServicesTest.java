package io.quarkiverse.responsecache.test.devservices;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * An application on the memory store asks for no Redis: the Redis client that comes with the extension starts no Dev
 * Services, so a test (or a dev-mode start) neither looks for a container runtime nor logs about one, with Docker or
 * without. Nothing here turns Dev Services off by hand.
 */
class MemoryStoreDevServicesTest extends SilentDevServicesApp {

    @RegisterExtension
    static final QuarkusUnitTest app = app("memory-devservices-test", "stored in this process's memory")
            .overrideConfigKey("quarkus.response-cache.store", "memory");
}
