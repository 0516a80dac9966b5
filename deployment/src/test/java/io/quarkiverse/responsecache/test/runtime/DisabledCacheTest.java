package io.quarkiverse.responsecache.test.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.testing.LocalRedis;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;

/** {@code quarkus.response-cache.enabled=false}: no lookup, no entry, no header. */
class DisabledCacheTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("disabled-test")
            .overrideConfigKey("quarkus.response-cache.enabled", "false")
            .withApplicationRoot(root -> root.addClasses(CountingResource.class, Await.class));

    @Test
    void annotatedEndpointBehavesAsIfUncached() {
        String id = Await.unique();
        var first = given().get("/counting/" + id);
        var second = given().get("/counting/" + id);
        assertThat(first.asString()).isNotEqualTo(second.asString());
        assertThat(second.header("X-Cache")).isNull();
        assertThat(second.header("ETag")).isNull();
        assertThat(second.header("Cache-Control")).isNull();
        try (RedisTestClient redis = LocalRedis.client()) {
            assertThat(redis.keys("disabled-test:*")).isEmpty();
        }
    }
}
