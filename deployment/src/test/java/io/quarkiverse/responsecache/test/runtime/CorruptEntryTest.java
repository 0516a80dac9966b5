package io.quarkiverse.responsecache.test.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.responsecache.ResponseCacheKeyBuilder;
import io.quarkiverse.responsecache.ResponseCacheKeyInput;
import io.quarkiverse.responsecache.testing.LocalRedis;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;

/** Whatever sits under an entry's key, a value that does not decode is a miss: the endpoint runs and overwrites it. */
class CorruptEntryTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("corrupt-test")
            .withApplicationRoot(root -> root.addClasses(CountingResource.class, Await.class));

    @Inject
    ResponseCacheKeyBuilder keyBuilder;

    @ParameterizedTest
    @ValueSource(strings = {
            "garbage",
            "",
            "RC1\n200\n",
            "RC1\n200\n1\n99999999999999\n\"etag\"\n500\nContent-Type: text/plain\n\nshort body",
            "RC9\n200\n1\n99999999999999\n\"etag\"\n2\n\nok",
            "RC1\nabc\n1\n2\n\"e\"\n2\n\nok",
            "RC1\n200\n1\n99999999999999\n\"etag\"\n2\nno colon header\n\nok" })
    void undecodableValueIsAMissAndIsOverwritten(String stored) {
        String id = Await.unique();
        String key = keyBuilder.build(ResponseCacheKeyInput
                .forEndpoint(CountingResource.class.getName() + "#cached")
                .path("/counting/" + id).build());
        try (RedisTestClient redis = LocalRedis.client()) {
            redis.commandWithBinaryValue(stored.getBytes(StandardCharsets.UTF_8), "SET", key);
            var response = given().get("/counting/" + id);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.header("X-Cache")).isEqualTo("MISS");
            assertThat(response.asString()).startsWith("value-" + id);
            Await.cachedBody("/counting/" + id, response.asString(), "X-Cache");
        }
    }

    @Test
    void aValueOfAnotherRedisTypeIsAMissToo() {
        String id = Await.unique();
        String key = keyBuilder.build(ResponseCacheKeyInput
                .forEndpoint(CountingResource.class.getName() + "#cached")
                .path("/counting/" + id).build());
        try (RedisTestClient redis = LocalRedis.client()) {
            redis.command("HSET", key, "field", "value");
            var response = given().get("/counting/" + id);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.header("X-Cache")).isEqualTo("MISS");
            assertThat(response.asString()).startsWith("value-" + id);
            Await.cachedBody("/counting/" + id, response.asString());
            assertThat(redis.command("TYPE", key)).isEqualTo("string");
        }
    }
}
