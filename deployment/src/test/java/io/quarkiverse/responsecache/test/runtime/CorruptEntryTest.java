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
            // a valid entry of the previous format version
            "RC1\n200\n1\n99999999999999\n\"etag\"\n2\nContent-Type: text/plain\n\nok",
            "RC9 200 zzzzzzzz etag 2\ntext/plain\n\nok",
            "RC2 200 zzzzzzzz",
            "RC2 200 zzzzzzzz etag 500\ntext/plain\n\nshort body",
            "RC2 abc zzzzzzzz etag 2\ntext/plain\n\nok",
            "RC2 200 zzzzzzzz etag 2\ntext/plain\nno colon header\n\nok" })
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
            assertThat(response.header("Cache-Status")).as("the key held no usable entry")
                    .isEqualTo("response-cache; fwd=uri-miss; stored; detail=invalid");
            assertThat(response.asString()).startsWith("value-" + id);
            Await.cachedBody("/counting/" + id, response.asString(), "X-Cache");
        }
    }

    /** The control: the same test harness, a valid entry written by hand, is a hit. */
    @Test
    void aValidEntryWrittenByHandIsAHit() {
        String id = Await.unique();
        String key = keyBuilder.build(ResponseCacheKeyInput
                .forEndpoint(CountingResource.class.getName() + "#cached")
                .path("/counting/" + id).build());
        try (RedisTestClient redis = LocalRedis.client()) {
            // fresh for ten seconds: an expiry later than the endpoint's freshness from now would be a forged one
            String expiry = Long.toString(System.currentTimeMillis() + 10_000, 36);
            redis.commandWithBinaryValue(("RC2 200 " + expiry + " handmade 5\ntext/plain\n\nhello")
                    .getBytes(StandardCharsets.UTF_8), "SET", key);
            var response = given().get("/counting/" + id);
            assertThat(response.header("X-Cache")).isEqualTo("HIT");
            assertThat(response.header("ETag")).isEqualTo("\"handmade\"");
            assertThat(response.asString()).isEqualTo("hello");
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
