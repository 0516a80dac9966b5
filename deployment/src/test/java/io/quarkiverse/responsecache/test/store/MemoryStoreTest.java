package io.quarkiverse.responsecache.test.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/** The store contract on the in-memory store, in an application with no Redis configured at all. */
class MemoryStoreTest extends StoreContract {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.withoutRedis("memory-store-test")
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.response-cache.endpoint.overridden.expire", "5s")
            .overrideConfigKey("quarkus.response-cache.endpoint.\"CatalogResource.switchedOff\".enabled", "false")
            .withApplicationRoot(root -> root.addClasses(applicationClasses()))
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.quarkiverse.responsecache"))
            .assertLogRecords(records -> assertThat(records)
                    .extracting(java.util.logging.LogRecord::getMessage)
                    .anyMatch(message -> message.contains("stored in this process's memory")));

    /** The memory store reads the cache's clock; here it must simply hold the entry it was given. */
    @Override
    void assertStoreExpires(String key, Duration retention) {
        assertThat(store.get(key).await().atMost(Await.AT_MOST)).as("entry of " + key).isNotNull();
    }

    @Test
    void theCachesClockDropsAnEntryAtTheEndOfItsRetention() {
        String path = "/catalog/expiring/" + Await.unique();
        cached(path);
        String key = expiringKey(path);

        clock.advance(EXPIRING_RETENTION.minusMillis(1));
        assertThat(store.get(key).await().atMost(Await.AT_MOST)).as("stale, still within its stale window").isNotNull();
        clock.advance(Duration.ofMillis(1));
        assertThat(store.get(key).await().atMost(Await.AT_MOST)).as("past its retention").isNull();

        Response response = given().get(path);
        assertThat(response.header("X-Cache")).isEqualTo("MISS");
        assertThat(response.header("Cache-Status")).isEqualTo("response-cache; fwd=uri-miss; stored; detail=absent");
    }
}
