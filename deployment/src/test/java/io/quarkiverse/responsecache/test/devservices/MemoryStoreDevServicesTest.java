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
 * An application on the memory store asks for no Redis: the Redis client that comes with the extension starts no Dev
 * Services, so a test (or a dev-mode start) neither looks for a container runtime nor logs about one, with Docker or
 * without. Nothing here turns Dev Services off by hand.
 */
class MemoryStoreDevServicesTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.withoutRedis("memory-devservices-test")
            .overrideConfigKey("quarkus.response-cache.store", "memory")
            .withApplicationRoot(root -> root.addClasses(Hello.class))
            .setLogRecordPredicate(record -> record.getLevel().intValue() >= Level.WARNING.intValue()
                    || record.getLoggerName().startsWith("io.quarkiverse.responsecache"))
            .assertLogRecords(records -> {
                assertThat(records).extracting(LogRecord::getLoggerName)
                        .noneMatch(logger -> logger.startsWith("org.testcontainers") || logger.contains("DevServices"));
                assertThat(records).extracting(LogRecord::getMessage)
                        .noneMatch(message -> message.contains("quarkus.redis.hosts for"))
                        .anyMatch(message -> message.contains("stored in this process's memory"));
            });

    @Test
    void theApplicationCachesInMemory() {
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
