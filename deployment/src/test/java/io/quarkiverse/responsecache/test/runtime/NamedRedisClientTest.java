package io.quarkiverse.responsecache.test.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.testing.LocalRedis;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code quarkus.response-cache.redis-client-name} stores the responses through that named client; the default
 * client here points at a port where nothing listens, so a hit proves the named one was used.
 */
class NamedRedisClientTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.withoutRedis("named-client-test")
            .overrideConfigKey("quarkus.response-cache.redis-client-name", "responses")
            .overrideConfigKey("quarkus.redis.responses.hosts", LocalRedis.url().orElseThrow())
            .overrideConfigKey("quarkus.redis.hosts", "redis://127.0.0.1:" + RedisServerProcess.freePort())
            .withApplicationRoot(root -> root.addClasses(CountingResource.class, Await.class));

    @Test
    void entriesGoThroughTheNamedClient() {
        String id = Await.unique();
        String body = given().get("/counting/" + id).asString();
        Await.cachedBody("/counting/" + id, body);
        try (RedisTestClient redis = LocalRedis.client()) {
            assertThat(redis.keys("named-client-test:*")).isNotEmpty();
        }
    }
}
