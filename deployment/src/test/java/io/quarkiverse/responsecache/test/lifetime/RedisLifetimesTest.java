package io.quarkiverse.responsecache.test.lifetime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedis;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;

/** Lifetimes decided per response, in Redis. */
class RedisLifetimesTest extends LifetimesContract {

    static final String PREFIX = "lifetimes-redis";

    @RegisterExtension
    static final QuarkusUnitTest app = configure(LocalRedisUnitTest.app(PREFIX));

    /** A 30 s entry of an endpoint whose other entries live 600 s leaves Redis after 30 s, not 600 s. */
    @Test
    void redisKeepsAnEntryForItsOwnLifetime() {
        String id = "missing-" + Await.unique();
        given().get("/lifetimes/items/" + id);
        try (RedisTestClient redis = LocalRedis.client()) {
            String key = Await.entryKeyHolding(redis, PREFIX, id + "-1");
            assertThat((Long) redis.command("PTTL", key)).isBetween(1L, 30_000L);
        }
    }
}
