package io.quarkiverse.responsecache.test.devservices;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;

/**
 * What the Dev Services tests share: an application of one cached endpoint and no Redis hosts, which must log no
 * Testcontainers error nor Dev Services warning, must say where it stores responses, and must cache its endpoint.
 */
abstract class SilentDevServicesApp {

    /** @param stored words of the startup line that says where responses are stored */
    static QuarkusUnitTest app(String name, String stored) {
        return LocalRedisUnitTest.withoutRedis(name)
                .withApplicationRoot(root -> root.addClasses(Hello.class))
                .setLogRecordPredicate(record -> record.getLevel().intValue() >= Level.WARNING.intValue()
                        || record.getLoggerName().startsWith("io.quarkiverse.responsecache"))
                .assertLogRecords(records -> {
                    assertThat(records).filteredOn(record -> record.getLevel().intValue() >= Level.WARNING.intValue())
                            .extracting(LogRecord::getLoggerName)
                            .noneMatch(logger -> logger.startsWith("org.testcontainers") || logger.contains("DevServices"));
                    assertThat(records).extracting(LogRecord::getMessage)
                            .noneMatch(message -> message.contains("quarkus.redis.hosts for"))
                            .anyMatch(message -> message.contains(stored));
                });
    }

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
