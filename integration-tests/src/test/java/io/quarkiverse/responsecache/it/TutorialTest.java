package io.quarkiverse.responsecache.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.testing.LocalRedis;
import io.quarkiverse.responsecache.testing.LocalRedisTestResource;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The fastapi-cache tutorial, scenario by scenario, against the demo application and a real Redis; and the places
 * where the tutorial shows fastapi-cache getting it wrong, done right.
 * <p>
 * Ids are random so that a Redis shared with earlier runs never answers a test with an old entry.
 */
@QuarkusTest
@WithTestResource(LocalRedisTestResource.class)
class TutorialTest {

    static int id() {
        return ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
    }

    @Test
    void differentUrlsGiveDifferentValuesAndTheSameUrlTheSameValue() {
        int ten = id();
        int twenty = id();
        String first10 = given().get("/random/" + ten).asString();
        String first20 = given().get("/random/" + twenty).asString();
        assertThat(first10).isNotEqualTo(first20);

        Response again10 = given().get("/random/" + ten);
        assertThat(again10.asString()).isEqualTo(first10);
        assertThat(again10.header("X-Cache")).isEqualTo("HIT");
        assertThat(given().get("/random/" + twenty).asString()).isEqualTo(first20);
    }

    @Test
    void cachedValuesArePresentInRedisUnderThePrefixWithTheirTtl() {
        int id = id();
        String body = given().get("/random/" + id).asString();
        try (RedisTestClient redis = LocalRedis.client()) {
            String key = entryHolding(redis, body);
            assertThat(key).matches("response-cache::[A-Za-z0-9_-]{22}");
            assertThat((String) redis.command("GET", key)).endsWith("\n" + body);
            assertThat((Long) redis.command("TTL", key)).isBetween(590L, 600L);
        }
    }

    @Test
    void eachCombinationOfQueryParametersHasItsOwnEntry() {
        int fifty = id();
        int sixty = id();
        String first50 = given().get("/random?id=" + fifty).asString();
        String first60 = given().get("/random?id=" + sixty).asString();
        assertThat(first50).isNotEqualTo(first60);
        assertThat(given().get("/random?id=" + fifty).asString()).isEqualTo(first50);
        assertThat(given().get("/random?id=" + sixty).asString()).isEqualTo(first60);
    }

    @Test
    void queryParameterOrderDoesNotMatter() {
        int id = id();
        String first = given().get("/random?id=" + id + "&lang=en").asString();
        Response reordered = given().get("/random?lang=en&id=" + id);
        assertThat(reordered.header("X-Cache")).isEqualTo("HIT");
        assertThat(reordered.asString()).isEqualTo(first);
    }

    @Test
    void theDefaultKeyBuilderAnswersAPartialInputWithADeterministicKey() {
        String key = given().get("/key-builder").then().statusCode(200).extract().asString();
        assertThat(key).matches("response-cache::[A-Za-z0-9_-]{22}");
        assertThat(given().get("/key-builder").asString()).isEqualTo(key);
    }

    @Test
    void anExceptionIsNeverCached() {
        Response first = given().get("/error");
        Response second = given().get("/error");
        assertThat(first.statusCode()).isEqualTo(500);
        assertThat(second.statusCode()).isEqualTo(500);
        assertThat(first.jsonPath().getString("detail")).isNotEqualTo(second.jsonPath().getString("detail"));
        assertThat(second.header("X-Cache")).isNotEqualTo("HIT");
    }

    @Test
    void aReturned500IsNotCachedAndNeverComesBackAs200() {
        // fastapi-cache stores this response and replays it as a 200: the tutorial's last example
        Response first = given().get("/error-response");
        Response second = given().get("/error-response");
        assertThat(first.statusCode()).isEqualTo(500);
        assertThat(second.statusCode()).isEqualTo(500);
        assertThat(first.jsonPath().getString("detail")).isNotEqualTo(second.jsonPath().getString("detail"));
        assertThat(second.header("X-Cache")).isEqualTo("MISS");
    }

    @Test
    void hitsCarryCachingHeadersAndTheEtagIsStrongAndDerivedFromTheBody() {
        int id = id();
        Response miss = given().get("/random/" + id);
        Response hit = awaitHit("/random/" + id);
        assertThat(miss.header("X-Cache")).isEqualTo("MISS");
        assertThat(miss.header("Cache-Control")).isEqualTo("max-age=600");
        assertThat(hit.header("Cache-Control")).matches("max-age=(59\\d|600)");
        assertThat(hit.header("ETag")).isEqualTo(miss.header("ETag")).startsWith("\"").doesNotStartWith("W/");
        assertThat(hit.header("Age")).matches("\\d+");
    }

    @Test
    void aMatchingIfNoneMatchGets304WithoutBody() {
        int id = id();
        String etag = given().get("/random/" + id).header("ETag");
        awaitHit("/random/" + id);
        Response notModified = given().header("If-None-Match", etag).get("/random/" + id);
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.asString()).isEmpty();
        assertThat(notModified.header("ETag")).isEqualTo(etag);
    }

    @Test
    void blockingAndReactiveJsonEndpointsRunOncePerId() {
        int id = id();
        int before = invocations();
        String blocking = given().get("/products/" + id).then().statusCode(200).extract().asString();
        String reactive = given().get("/products/" + id + "/reactive").then().statusCode(200).extract().asString();
        assertThat(invocations()).isEqualTo(before + 2);
        assertThat(awaitHit("/products/" + id).asString()).isEqualTo(blocking);
        assertThat(awaitHit("/products/" + id + "/reactive").asString()).isEqualTo(reactive);
        assertThat(invocations()).isEqualTo(before + 2);
        assertThat(given().get("/products/" + id).header("Content-Type")).startsWith("application/json");
        try (RedisTestClient redis = LocalRedis.client()) {
            assertThat(redis.keys("response-cache:products:*")).isNotEmpty();
        }
    }

    @Test
    void headIsAnsweredFromTheGetEntryWithoutBody() {
        int id = id();
        String body = given().get("/random/" + id).asString();
        awaitHit("/random/" + id);
        Response head = given().head("/random/" + id);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.header("X-Cache")).isEqualTo("HIT");
        assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(body.length()));
        assertThat(head.asString()).isEmpty();
    }

    @Test
    void aWriteToAProductEvictsExactlyThatProductsResponses() {
        int id = id();
        int other = id();
        String before = given().get("/products/" + id).asString();
        String reactiveBefore = given().get("/products/" + id + "/reactive").asString();
        String untouched = given().get("/products/" + other).asString();
        awaitHit("/products/" + id);
        awaitHit("/products/" + id + "/reactive");
        awaitHit("/products/" + other);

        given().put("/products/" + id + "/name/renamed").then().statusCode(204);

        Response after = given().get("/products/" + id);
        assertThat(after.header("X-Cache")).isEqualTo("MISS");
        assertThat(after.jsonPath().getString("name")).isEqualTo("renamed");
        assertThat(after.asString()).isNotEqualTo(before);
        assertThat(given().get("/products/" + id + "/reactive").asString()).isNotEqualTo(reactiveBefore);
        Response otherAfter = given().get("/products/" + other);
        assertThat(otherAfter.header("X-Cache")).isEqualTo("HIT");
        assertThat(otherAfter.asString()).isEqualTo(untouched);
    }

    static int invocations() {
        return Integer.parseInt(given().get("/stats/product-invocations").asString());
    }

    /**
     * Entries are written without delaying the response: waits for a hit instead of assuming it (10 s at most), and
     * for one the store answered, not a miss's response handed to a request that came while it was being written.
     */
    static Response awaitHit(String path) {
        AtomicReference<Response> hit = new AtomicReference<>();
        awaiting(path + " answered from the store").untilAsserted(() -> {
            Response response = given().get(path);
            assertThat(response.header("X-Cache")).as(path + " X-Cache").isEqualTo("HIT");
            assertThat(response.header("Cache-Status")).as(path + " Cache-Status").doesNotContain("coalesced");
            hit.set(response);
        });
        return hit.get();
    }

    static String entryHolding(RedisTestClient redis, String body) {
        return awaiting("an entry holding " + body).until(() -> {
            for (String key : redis.keys("response-cache::*")) {
                Object value = redis.command("GET", key);
                if (value instanceof String text && text.endsWith("\n" + body)) {
                    return key;
                }
            }
            return null;
        }, Objects::nonNull);
    }

    static ConditionFactory awaiting(String what) {
        return Awaitility.await(what).atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20)).pollInSameThread();
    }
}
