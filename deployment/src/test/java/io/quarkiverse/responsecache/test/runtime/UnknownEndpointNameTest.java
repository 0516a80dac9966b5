package io.quarkiverse.responsecache.test.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;

/** A per-endpoint setting whose name matches no endpoint is said at startup, with the names that exist. */
class UnknownEndpointNameTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("unknown-endpoint-test")
            .overrideConfigKey("quarkus.response-cache.endpoint.\"CountingResource.cahced\".expire", "5s")
            .overrideConfigKey("quarkus.response-cache.endpoint.\"CountingResource.cached\".expire", "7s")
            .withApplicationRoot(root -> root.addClasses(CountingResource.class, Await.class))
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.quarkiverse.responsecache"))
            .assertLogRecords(records -> assertThat(records).anySatisfy(record -> {
                assertThat(record.getMessage()).contains("names no cached endpoint");
                assertThat(Arrays.toString(record.getParameters()))
                        .contains("\"CountingResource.cahced\"", "CountingResource.cached");
            }));

    @Test
    void theKnownNameIsApplied() {
        assertThat(given().get("/counting/" + Await.unique()).header("Cache-Control")).isEqualTo("max-age=7");
    }
}
