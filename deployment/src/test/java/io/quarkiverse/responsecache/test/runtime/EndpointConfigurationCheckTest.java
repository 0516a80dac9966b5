package io.quarkiverse.responsecache.test.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;

/** Per-endpoint settings with a duration the annotation would refuse stop the application with a clear message. */
class EndpointConfigurationCheckTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("endpoint-check-test")
            .overrideConfigKey("quarkus.response-cache.endpoint.\"CountingResource.cached\".expire", "0s")
            .overrideConfigKey("quarkus.response-cache.endpoint.\"CountingResource.cached\".stale-if-error", "-1s")
            .withApplicationRoot(root -> root.addClasses(CountingResource.class, Await.class))
            .assertException(failure -> assertThat(failure).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining(
                            "quarkus.response-cache.endpoint.\"CountingResource.cached\".expire=PT0S must be longer")
                    .hasMessageContaining("stale-if-error=PT-1S must not be negative"));

    @Test
    void startFails() {
        throw new AssertionError("the application should not have started");
    }
}
