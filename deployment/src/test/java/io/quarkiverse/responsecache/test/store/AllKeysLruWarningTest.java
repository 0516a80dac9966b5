package io.quarkiverse.responsecache.test.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A real Redis with {@code maxmemory} and {@code allkeys-lru}: it may evict an index before its entries, which breaks
 * read-your-writes under memory pressure, so the application says so once at startup.
 */
class AllKeysLruWarningTest {

    static final RedisServerProcess REDIS = RedisServerProcess.shared("allkeys-lru-pressure", "--maxmemory", "16mb",
            "--maxmemory-policy", "allkeys-lru");

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.withoutRedis("allkeys-lru-test")
            .overrideConfigKey("quarkus.redis.hosts", REDIS.url())
            .withApplicationRoot(root -> root.addClasses(CatalogResource.class, Await.class))
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.quarkiverse.responsecache"))
            .assertLogRecords(records -> assertThat(records)
                    .filteredOn(record -> record.getLevel().intValue() == Level.WARNING.intValue()
                            && record.getMessage().contains("maxmemory-policy"))
                    .hasSize(1)
                    .allSatisfy(record -> assertThat(record.getParameters()).contains("allkeys-lru")));

    @Test
    void cachingWorksAndTheStartupWarnedAboutThePolicy() {
        String id = Await.unique();
        String body = given().get("/catalog/products/" + id).asString();
        Await.cachedBody("/catalog/products/" + id, body);
    }
}
