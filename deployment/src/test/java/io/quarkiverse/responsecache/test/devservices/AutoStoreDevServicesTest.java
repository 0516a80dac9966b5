package io.quarkiverse.responsecache.test.devservices;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An application that only added the extension (no store chosen, no Redis hosts): where Docker or Podman runs, Dev
 * Services start a Redis and the cache uses it; where none does, the cache keeps its responses in memory and nothing
 * logs the Testcontainers error or the Dev Services warning. Either way the endpoint is cached.
 */
class AutoStoreDevServicesTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.withoutRedis("auto-devservices-test")
            .withApplicationRoot(root -> root.addClasses(Hello.class))
            .setLogRecordPredicate(record -> record.getLevel().intValue() >= Level.WARNING.intValue()
                    || record.getLoggerName().startsWith("io.quarkiverse.responsecache"))
            .assertLogRecords(records -> {
                assertThat(records).filteredOn(record -> record.getLevel().intValue() >= Level.WARNING.intValue())
                        .extracting(LogRecord::getLoggerName)
                        .noneMatch(logger -> logger.startsWith("org.testcontainers") || logger.contains("DevServices"));
                assertThat(records).extracting(LogRecord::getMessage)
                        .noneMatch(message -> message.contains("quarkus.redis.hosts for"))
                        .anyMatch(message -> message.contains("Response cache: responses are stored in"));
            });

    @Test
    void theEndpointIsCached() {
        String first = given().get("/hello").then().statusCode(200).header("X-Cache", "MISS").extract().asString();
        assertThat(given().get("/hello").then().statusCode(200).header("X-Cache", "HIT").extract().asString())
                .isEqualTo(first);
    }

    @Path("/hello")
    public static class Hello {
        @GET
        @ResponseCache(expire = 60)
        public String hello() {
            return "hello " + System.nanoTime();
        }
    }
}
