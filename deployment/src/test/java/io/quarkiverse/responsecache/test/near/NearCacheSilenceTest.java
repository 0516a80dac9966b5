package io.quarkiverse.responsecache.test.near;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * A notification connection that stays open but says nothing (here: Redis frozen, no connection closes): the canary
 * is not notified within the heartbeat timeout, the near cache goes off, and comes back once notifications do.
 */
class NearCacheSilenceTest {

    static final RedisServerProcess REDIS = RedisServerProcess.shared("near-silence-test");

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.withoutRedis("near-silence-test")
            .overrideConfigKey("quarkus.redis.hosts", REDIS.url())
            .overrideConfigKey("quarkus.response-cache.near-cache.enabled", "true")
            .overrideConfigKey("quarkus.response-cache.near-cache.heartbeat-interval", "200ms")
            .overrideConfigKey("quarkus.response-cache.near-cache.heartbeat-timeout", "500ms")
            .overrideConfigKey("quarkus.response-cache.lookup-timeout", "200ms")
            .withApplicationRoot(root -> root.addClasses(NearResource.class, NearHits.class, Await.class));

    @AfterEach
    void redisIsBack() {
        REDIS.unpause();
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    void aSilentNotificationConnectionTurnsTheNearCacheOffUntilItSpeaksAgain() {
        String path = "/near/" + Await.unique();
        String body = given().get(path).asString();
        NearHits.awaitNearHit(path, body);

        REDIS.pause();
        Await.awaiting("the near cache off once the canary goes unanswered").untilAsserted(() -> {
            Response response = given().get(path);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.header("Cache-Status")).doesNotContain("detail=near");
        });

        REDIS.unpause();
        Await.awaiting("the near cache on again").untilAsserted(() -> {
            Response response = given().get(path);
            assertThat(response.header("Cache-Status")).contains("detail=near");
        });
    }
}
