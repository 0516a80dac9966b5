package io.quarkiverse.responsecache.test.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.ResponseCacheKeyBuilder;
import io.quarkiverse.responsecache.ResponseCacheKeyInput;
import io.quarkiverse.responsecache.testing.LocalRedis;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;

/** Declaring a {@link ResponseCacheKeyBuilder} bean replaces the default one, for injection and for every endpoint. */
class CustomKeyBuilderTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("custom-key-test")
            .withApplicationRoot(root -> root.addClasses(CountingResource.class, Await.class,
                    PathKeyBuilder.class));

    @ApplicationScoped
    public static class PathKeyBuilder implements ResponseCacheKeyBuilder {
        @Override
        public String build(ResponseCacheKeyInput input) {
            return "custom-key-test:by-path:" + input.path() + "?" + input.queryParameters();
        }
    }

    @Inject
    ResponseCacheKeyBuilder keyBuilder;

    @Test
    void theApplicationsBeanIsInjectedAndUsedForEntries() {
        assertThat(keyBuilder).isInstanceOf(PathKeyBuilder.class);
        String id = Await.unique();
        String body = given().queryParam("b", "2").queryParam("a", "1").get("/counting/" + id).asString();
        // the endpoint reads no query parameter, so none is part of its input
        String expectedKey = "custom-key-test:by-path:/counting/" + id + "?{}";
        try (RedisTestClient redis = LocalRedis.client()) {
            Await.awaiting("the entry under " + expectedKey).untilAsserted(
                    () -> assertThat((String) redis.command("GET", expectedKey)).endsWith("\n" + body));
        }
    }
}
