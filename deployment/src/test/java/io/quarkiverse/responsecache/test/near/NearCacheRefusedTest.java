package io.quarkiverse.responsecache.test.near;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * The application's Redis user may run every command but {@code CLIENT}, as a restrictive ACL (or a proxy) would have
 * it: the near cache stays off with one warning, and responses are still cached in Redis.
 */
class NearCacheRefusedTest {

    static final RedisServerProcess REDIS = redisWithRestrictedUser();

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.withoutRedis("near-refused-test")
            .overrideConfigKey("quarkus.redis.hosts", REDIS.url().replace("redis://", "redis://app:secret@"))
            .overrideConfigKey("quarkus.response-cache.near-cache.enabled", "true")
            .withApplicationRoot(root -> root.addClasses(NearResource.class, Await.class))
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.quarkiverse.responsecache")
                    && record.getLevel().intValue() >= Level.WARNING.intValue())
            .assertLogRecords(records -> assertThat(records).singleElement().satisfies(record -> {
                assertThat(record.getMessage()).contains("the near cache stays off");
                assertThat(record.getParameters()).singleElement().asString().startsWith("NOPERM");
            }));

    static RedisServerProcess redisWithRestrictedUser() {
        RedisServerProcess redis = RedisServerProcess.shared("near-refused-test");
        try (RedisTestClient admin = redis.client()) {
            admin.command("ACL", "SETUSER", "app", "reset", "on", ">secret", "~*", "&*", "+@all", "-client");
        }
        return redis;
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    void responsesAreStillCachedInRedisAndNeverAnsweredFromMemory() {
        String path = "/near/" + Await.unique();
        String body = given().get(path).asString();
        Await.cachedBody(path, body);
        for (int i = 0; i < 20; i++) {
            Response hit = given().get(path);
            assertThat(hit.asString()).isEqualTo(body);
            assertThat(hit.header("Cache-Status")).doesNotContain("detail=near");
        }
    }
}
