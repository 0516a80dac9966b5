package io.quarkiverse.responsecache.test.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * A real Redis with a small {@code maxmemory} and {@code noeviction}, filled up by other data: the documented policy
 * for read-your-writes under memory pressure. Redis refuses every write then, including an eviction's tombstone; the
 * eviction deletes instead, so the old entry is gone, and no new entry is stored: misses, never a stale response, and
 * no warning at startup.
 */
class NoEvictionPressureTest {

    static final RedisServerProcess REDIS = RedisServerProcess.shared("noeviction-pressure", "--maxmemory", "8mb",
            "--maxmemory-policy", "noeviction");

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.withoutRedis("noeviction-test")
            .overrideConfigKey("quarkus.redis.hosts", REDIS.url())
            .withApplicationRoot(root -> root.addClasses(CatalogResource.class, Await.class))
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.quarkiverse.responsecache"))
            .assertLogRecords(records -> assertThat(records)
                    .filteredOn(record -> record.getLevel().intValue() == Level.WARNING.intValue())
                    .extracting(LogRecord::getMessage).noneMatch(message -> message.contains("maxmemory-policy")));

    @Test
    void aFullRedisThatRefusesWritesNeverServesAnEvictedEntry() {
        String id = Await.unique();
        String before = stored("/catalog/products/" + id);
        try (RedisTestClient redis = REDIS.client()) {
            fill(redis);
            given().put("/catalog/products/" + id).then().statusCode(204);
            for (int i = 0; i < 5; i++) {
                Response after = given().get("/catalog/products/" + id);
                assertThat(after.statusCode()).isEqualTo(200);
                assertThat(after.asString()).as("read %d after the write", i).isNotEqualTo(before);
            }
            redis.command("FLUSHALL");
        }
    }

    /**
     * The same for an eviction of many entries at once (a namespace): its pipelined tombstones are refused, and the
     * entries are deleted one by one instead.
     */
    @Test
    void aFullRedisThatRefusesWritesNeverServesAnEntryOfAnEvictedNamespace() {
        Map<String, String> before = new HashMap<>();
        for (int i = 0; i < 24; i++) {
            String path = "/catalog/products/" + Await.unique();
            before.put(path, stored(path));
        }
        try (RedisTestClient redis = REDIS.client()) {
            fill(redis);
            given().delete("/catalog/products").then().statusCode(204);
            before.forEach((path, body) -> {
                Response after = given().get(path);
                assertThat(after.statusCode()).isEqualTo(200);
                assertThat(after.asString()).as("%s after the write", path).isNotEqualTo(body);
            });
            redis.command("FLUSHALL");
        }
    }

    /**
     * @return the body stored for {@code path}, once a hit shows it. Not necessarily the first response: the other
     *         test's refused writes may have opened the writes' breaker, which skips the first stores for a while.
     */
    static String stored(String path) {
        return Await.hit(path, () -> given().get(path)).asString();
    }

    /** Writes other data, without TTL, until Redis refuses it. */
    static void fill(RedisTestClient redis) {
        String chunk = "x".repeat(256 * 1024);
        for (int i = 0; i < 200; i++) {
            try {
                redis.command("SET", "other-data:" + i, chunk);
            } catch (IllegalStateException refused) {
                assertThat(refused.getMessage()).contains("OOM");
                return;
            }
        }
        throw new AssertionError("Redis never refused a write: is maxmemory set?");
    }
}
