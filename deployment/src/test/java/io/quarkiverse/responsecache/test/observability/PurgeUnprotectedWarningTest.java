package io.quarkiverse.responsecache.test.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The purge endpoints on the application's port with no permission over them: anyone can empty the cache, so the
 * startup warns once, naming the path. A permission for another path does not count.
 */
class PurgeUnprotectedWarningTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("purge-unprotected-test")
            .overrideConfigKey("quarkus.response-cache.management.enabled", "true")
            .overrideConfigKey("quarkus.http.auth.permission.api.paths", "/api/*")
            .overrideConfigKey("quarkus.http.auth.permission.api.policy", "authenticated")
            .withApplicationRoot(root -> root.addClasses(ItemResource.class, Await.class))
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.quarkiverse.responsecache"))
            .assertLogRecords(records -> assertThat(records)
                    .filteredOn(record -> record.getLevel().intValue() == Level.WARNING.intValue()
                            && record.getMessage().contains("no HTTP permission"))
                    .hasSize(1)
                    .allSatisfy(record -> assertThat(record.getParameters()).contains("/q/response-cache/evict")));

    @Test
    void theEndpointsAnswerAndTheStartupWarned() {
        given().post("/q/response-cache/evict?url=/items/" + Await.unique()).then().statusCode(200);
    }
}
