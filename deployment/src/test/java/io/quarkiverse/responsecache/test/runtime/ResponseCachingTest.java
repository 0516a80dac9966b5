package io.quarkiverse.responsecache.test.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

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
import io.restassured.response.Response;

class ResponseCachingTest {

    static final String PREFIX = "caching-test";

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app(PREFIX)
            .withApplicationRoot(root -> root.addClasses(CountingResource.class, Await.class));

    @Inject
    ResponseCacheKeyBuilder keyBuilder;

    @Test
    void secondRequestIsReplayedByteForByteWithoutRunningTheMethod() {
        String id = Await.unique();
        Response miss = given().get("/counting/" + id);
        int callsAfterMiss = CountingResource.CALLS.get();
        Response hit = given().get("/counting/" + id);

        assertThat(miss.statusCode()).isEqualTo(200);
        assertThat(miss.header("X-Cache")).isEqualTo("MISS");
        assertThat(hit.header("X-Cache")).isEqualTo("HIT");
        assertThat(hit.statusCode()).isEqualTo(200);
        assertThat(hit.asByteArray()).isEqualTo(miss.asByteArray());
        assertThat(hit.header("Content-Type")).isEqualTo(miss.header("Content-Type"));
        assertThat(hit.header("ETag")).isEqualTo(miss.header("ETag")).matches("\"[A-Za-z0-9_-]{16}\"");
        assertThat(CountingResource.CALLS.get()).isEqualTo(callsAfterMiss);
        assertThat(miss.header("Cache-Control")).isEqualTo("max-age=30");
        assertThat(hit.header("Cache-Control")).matches("max-age=(29|30)");
    }

    @Test
    void differentPathParametersAreDifferentEntries() {
        String first = given().get("/counting/a-" + Await.unique()).asString();
        String second = given().get("/counting/b-" + Await.unique()).asString();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void entryIsStoredUnderThePrefixWithTheTtlAndTheBody() {
        String id = Await.unique();
        String body = given().get("/counting/" + id).asString();
        try (RedisTestClient redis = LocalRedis.client()) {
            String key = Await.entryKeyHolding(redis, PREFIX, body);
            assertThat(key).matches(PREFIX + "::[A-Za-z0-9_-]{22}");
            long ttl = (Long) redis.command("TTL", key);
            assertThat(ttl).isBetween(1L, 30L);
        }
    }

    @Test
    void unannotatedEndpointIsNeitherCachedNorDecorated() {
        String id = Await.unique();
        Response first = given().get("/counting/plain/" + id);
        Response second = given().get("/counting/plain/" + id);
        assertThat(first.asString()).isNotEqualTo(second.asString());
        assertThat(second.header("X-Cache")).isNull();
        assertThat(second.header("ETag")).isNull();
    }

    @Test
    void exceptionsAreNeverStored() {
        String id = Await.unique();
        int before = CountingResource.CALLS.get();
        given().get("/counting/throws/" + id).then().statusCode(500);
        given().get("/counting/throws/" + id).then().statusCode(500).header("X-Cache", not(equalTo("HIT")));
        assertThat(CountingResource.CALLS.get()).isEqualTo(before + 2);
    }

    @ParameterizedTest
    @ValueSource(ints = { 201, 404, 500 })
    void byDefaultAnotherStatusThan200IsNeverStored(int status) {
        String path = "/counting/status/" + status + "/" + Await.unique();
        Response first = given().get(path);
        assertThat(first.statusCode()).isEqualTo(status);
        assertThat(first.header("X-Cache")).isEqualTo("MISS");
        assertThat(first.header("Cache-Status")).as("not stored").isEqualTo("response-cache; fwd=uri-miss; detail=absent");
        assertThat(first.header("ETag")).isNull();

        Response second = given().get(path);
        assertThat(second.statusCode()).isEqualTo(status);
        assertThat(second.header("X-Cache")).isEqualTo("MISS");
        assertThat(second.asString()).as("the method ran again").isNotEqualTo(first.asString());
        try (RedisTestClient redis = LocalRedis.client()) {
            String key = keyBuilder.build(ResponseCacheKeyInput.forEndpoint(CountingResource.class, "withStatus")
                    .path(path).build());
            // the miss's claim put a placeholder there while it ran, and removes it once it stored nothing
            Await.awaiting("nothing left under " + key).until(() -> Long.valueOf(0).equals(redis.command("EXISTS", key)));
        }
    }

    /** The control of the test above: the same endpoint's 200 is stored. */
    @Test
    void theSameEndpointsOkIsStored() {
        String path = "/counting/status/200/" + Await.unique();
        Response first = given().get(path);
        assertThat(first.header("Cache-Status")).isEqualTo("response-cache; fwd=uri-miss; stored; detail=absent");
        Await.cachedBody(path, first.asString());
        try (RedisTestClient redis = LocalRedis.client()) {
            String key = keyBuilder.build(ResponseCacheKeyInput.forEndpoint(CountingResource.class, "withStatus")
                    .path(path).build());
            assertThat(redis.command("EXISTS", key)).as("an entry under " + key).isEqualTo(1L);
        }
    }

    @Test
    void matchingIfNoneMatchGets304WithoutBodyOnMissAndOnHit() {
        String id = Await.unique();
        String etag = given().get("/counting/" + id).header("ETag");
        given().header("If-None-Match", etag).get("/counting/" + id)
                .then().statusCode(304).header("X-Cache", "HIT").header("ETag", etag).body(emptyString());

        String other = Await.unique();
        String expectedEtag = given().header("Cache-Control", "no-store").get("/counting/" + other).header("ETag");
        assertThat(expectedEtag).as("no-store responses are neither read nor written").isNull();
        assertThat(given().get("/counting/" + other).header("X-Cache")).isEqualTo("MISS");
    }

    @Test
    void requestNoCacheRecomputesAndRefreshesTheEntry() {
        String id = Await.unique();
        String first = given().get("/counting/" + id).asString();
        Response refreshed = given().header("Cache-Control", "max-age=0, no-cache").get("/counting/" + id);
        assertThat(refreshed.header("X-Cache")).isEqualTo("MISS");
        assertThat(refreshed.asString()).isNotEqualTo(first);
        Await.cachedBody("/counting/" + id, refreshed.asString());
    }

    @Test
    void requestNoStoreBypassesWithoutTouchingTheEntry() {
        String id = Await.unique();
        String first = given().get("/counting/" + id).asString();
        Await.cachedBody("/counting/" + id, first);
        Response bypassed = given().header("Cache-Control", "no-store").get("/counting/" + id);
        assertThat(bypassed.asString()).isNotEqualTo(first);
        assertThat(bypassed.header("X-Cache")).isEqualTo("BYPASS");
        assertThat(bypassed.header("Cache-Status")).isEqualTo("response-cache; fwd=request; detail=request-no-store");
        given().get("/counting/" + id).then().header("X-Cache", "HIT").body(equalTo(first))
                .header("Set-Cookie", nullValue());
    }
}
