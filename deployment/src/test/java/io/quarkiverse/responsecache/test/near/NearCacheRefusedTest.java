package io.quarkiverse.responsecache.test.near;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;

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
            .withApplicationRoot(root -> root.addClasses(NearResource.class, NearHits.class, Await.class))
            .setLogRecordPredicate(NearHits::isCacheWarning)
            .assertLogRecords(NearHits.oneWarningThatTheNearCacheStaysOff("NOPERM"));

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
        NearHits.assertCachedButNeverAnsweredFromMemory("/near/" + Await.unique());
    }
}
