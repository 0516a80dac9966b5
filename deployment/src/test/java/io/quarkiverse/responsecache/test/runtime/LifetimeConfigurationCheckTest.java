package io.quarkiverse.responsecache.test.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;

/** Lifetimes by status and jitters that no response could have stop the application, each named. */
class LifetimeConfigurationCheckTest {

    static final String ENDPOINT = "quarkus.response-cache.endpoint.\"CountingResource.cached\".";

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("lifetime-check-test")
            .overrideConfigKey("quarkus.response-cache.expire-by-status.\"304\"", "10s")
            .overrideConfigKey("quarkus.response-cache.expire-jitter", "150%")
            .overrideConfigKey(ENDPOINT + "expire-by-status.\"404\"", "0s")
            .overrideConfigKey(ENDPOINT + "expire-by-status.\"301\"", "400d")
            .overrideConfigKey(ENDPOINT + "expire-jitter", "0.1")
            .withApplicationRoot(root -> root.addClasses(CountingResource.class, Await.class))
            .assertException(failure -> assertThat(failure).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("quarkus.response-cache.expire-by-status.\"304\"=PT10S names a status the"
                            + " cache never stores")
                    .hasMessageContaining("quarkus.response-cache.expire-jitter=150% must be a percentage")
                    .hasMessageContaining(ENDPOINT + "expire-by-status.\"404\"=PT0S must be longer than zero")
                    .hasMessageContaining(ENDPOINT + "expire-by-status.\"301\"=PT9600H is longer than a year")
                    .hasMessageContaining(ENDPOINT + "expire-jitter=0.1 must be a percentage"));

    @Test
    void startFails() {
        throw new AssertionError("the application should not have started");
    }
}
