package io.quarkiverse.responsecache.test.near;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * The near cache on a Redis of this test's own (it flushes and kills connections): hits answered from memory, and
 * after every kind of change, by Redis or through the application, never a copy that is no longer in Redis 100 ms
 * later.
 */
class NearCacheTest {

    static final RedisServerProcess REDIS = RedisServerProcess.shared("near-cache-test");
    static final String PREFIX = "near-test";

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.withoutRedis(PREFIX)
            .overrideConfigKey("quarkus.redis.hosts", REDIS.url())
            .overrideConfigKey("quarkus.response-cache.near-cache.enabled", "true")
            .withApplicationRoot(root -> root.addClasses(NearResource.class, NearHits.class, Await.class));

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    void aHitReadFromRedisIsThenAnsweredFromMemoryWithItsAgeAndFreshness() {
        String path = "/near/" + Await.unique();
        String body = given().get(path).asString();
        int calls = NearResource.CALLS.get();

        Response near = NearHits.awaitNearHit(path, body);
        assertThat(near.header("X-Cache")).isEqualTo("HIT");
        assertThat(near.header("Cache-Status")).matches("response-cache; hit; ttl=\\d+; detail=near");
        assertThat(near.header("Cache-Control")).matches("max-age=(60|59|58|57|56|55)");
        assertThat(near.header("Age")).matches("[0-5]");
        assertThat(near.header("ETag")).isNotBlank();
        assertThat(NearResource.CALLS.get()).isEqualTo(calls);
    }

    @Test
    void aLargeBodyIsAnsweredFromMemoryByteForByteHitAfterHit() {
        String path = "/near/large/" + Await.unique();
        String body = given().get(path).asString();
        assertThat(body.length()).isGreaterThan(16_384);

        NearHits.awaitNearHit(path, body);
        // every hit writes the same off-heap copy: none may consume it for the next
        for (int i = 0; i < 5; i++) {
            Response near = given().get(path);
            assertThat(near.header("Cache-Status")).contains("detail=near");
            assertThat(near.header("Content-Length")).isEqualTo(Integer.toString(body.length()));
            assertThat(near.asString()).isEqualTo(body);
        }
    }

    @Test
    void aKeyDeletedInRedisIsNotAnsweredFromMemory100msLater() {
        String path = "/near/" + Await.unique();
        String body = given().get(path).asString();
        NearHits.awaitNearHit(path, body);
        try (RedisTestClient redis = REDIS.client()) {
            redis.command("DEL", Await.entryKeyHolding(redis, PREFIX, body));
        }
        NearHits.assertNotStaleAfterTheBound(path, body);
    }

    @Test
    void aFlushedDatabaseIsNotAnsweredFromMemory100msLater() {
        String path = "/near/" + Await.unique();
        String body = given().get(path).asString();
        NearHits.awaitNearHit(path, body);
        try (RedisTestClient redis = REDIS.client()) {
            redis.command("FLUSHALL");
        }
        NearHits.assertNotStaleAfterTheBound(path, body);
    }

    @Test
    void anEvictionThroughTheApplicationIsNotAnsweredFromMemoryAfterItsResponse() {
        String id = Await.unique();
        String body = given().get("/near/" + id).asString();
        NearHits.awaitNearHit("/near/" + id, body);

        given().post("/near/" + id).then().statusCode(200);

        // no wait at all: the instance that evicts drops its copies before it answers the write
        Response after = given().get("/near/" + id);
        assertThat(after.asString()).isNotEqualTo(body);
        assertThat(after.header("X-Cache")).isEqualTo("MISS");
    }

    @Test
    void killedConnectionsTurnTheNearCacheOffUntilNotificationsAreBack() {
        String path = "/near/" + Await.unique();
        String body = given().get(path).asString();
        NearHits.awaitNearHit(path, body);
        try (RedisTestClient redis = REDIS.client()) {
            // every connection but the test's own, the notification connection among them; the key changes at once
            redis.command("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
            redis.command("DEL", Await.entryKeyHolding(redis, PREFIX, body));
        }
        NearHits.waitOutTheNotificationBound();
        String recomputed = NearHits.assertNotStaleUntilMissedThroughLiveConnections(path, body);

        // a new connection is tracked and confirmed by a canary, and the near cache answers again
        NearHits.awaitNearHit(path, recomputed);
    }

    @Test
    void aKilledNotificationConnectionAloneIsNoticed() {
        String path = "/near/" + Await.unique();
        String body = given().get(path).asString();
        NearHits.awaitNearHit(path, body);
        try (RedisTestClient redis = REDIS.client()) {
            for (String id : trackingClientIds(redis)) {
                redis.command("CLIENT", "KILL", "ID", id);
            }
            redis.command("DEL", Await.entryKeyHolding(redis, PREFIX, body));
        }
        String recomputed = NearHits.assertNotStaleAfterTheBound(path, body);
        NearHits.awaitNearHit(path, recomputed);
    }

    /** @return the ids of the connections with client tracking on ({@code flags} has {@code t}) */
    static List<String> trackingClientIds(RedisTestClient redis) {
        String clients = (String) redis.command("CLIENT", "LIST");
        List<String> ids = clients.lines()
                .filter(line -> line.matches(".* flags=\\w*t\\w* .*"))
                .map(line -> line.replaceFirst("^id=(\\d+) .*$", "$1"))
                .toList();
        assertThat(ids).as("connections with tracking on in " + clients).hasSize(1);
        return ids;
    }
}
