package io.quarkiverse.responsecache.test.devservices;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * An application that only added the extension (no store chosen, no Redis hosts): where Docker or Podman runs, Dev
 * Services start a Redis and the cache uses it; where none does, the cache keeps its responses in memory and nothing
 * logs the Testcontainers error or the Dev Services warning. Either way the endpoint is cached.
 */
class AutoStoreDevServicesTest extends SilentDevServicesApp {

    @RegisterExtension
    static final QuarkusUnitTest app = app("auto-devservices-test", "Response cache: responses are stored in");
}
