package io.quarkiverse.responsecache.test.invalidation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedis;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code @ResponseCacheInvalidate(all = true)} evicts the entries of every namespace in Redis once the write succeeded,
 * and an invalidating tag matches a cached one whose path parameter has another name.
 */
class InvalidateAllTest {

    static final String PREFIX = "invalidate-all-test";

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app(PREFIX)
            .overrideConfigKey("quarkus.response-cache.store", "redis")
            .withApplicationRoot(root -> root.addClasses(ShelfResource.class, Await.class));

    static String cached(String path) {
        String body = given().get(path).asString();
        Await.cachedBody(path, body);
        return body;
    }

    @Test
    void allEvictsTheEntriesOfEveryNamespace() {
        String id = Await.unique();
        List<String> paths = List.of("/shelf/books/" + id, "/shelf/films/" + id, "/shelf/plain/" + id);
        for (String path : paths) {
            cached(path);
        }
        try (RedisTestClient redis = LocalRedis.client()) {
            assertThat(redis.keys(PREFIX + ":books:*")).isNotEmpty();
            assertThat(redis.keys(PREFIX + ":films:*")).isNotEmpty();
        }

        given().post("/shelf/restock").then().statusCode(204);

        // the write's response waited for the eviction: the very next reads are computed again
        for (String path : paths) {
            assertThat(given().get(path).header("X-Cache")).as(path).isEqualTo("MISS");
        }
    }

    @Test
    void aFailedWriteEvictsNothing() {
        String id = Await.unique();
        String book = cached("/shelf/books/" + id);
        String film = cached("/shelf/films/" + id);

        given().post("/shelf/refused-restock").then().statusCode(409);

        assertThat(given().get("/shelf/books/" + id).asString()).isEqualTo(book);
        assertThat(given().get("/shelf/films/" + id).asString()).isEqualTo(film);
    }

    @Test
    void aTagTemplateWithAnotherParameterNameEvictsTheCachedTag() {
        String id = Await.unique();
        String other = Await.unique();
        cached("/shelf/books/" + id);
        String untouched = cached("/shelf/books/" + other);

        given().put("/shelf/books/" + id).then().statusCode(204);

        assertThat(given().get("/shelf/books/" + id).header("X-Cache")).isEqualTo("MISS");
        assertThat(given().get("/shelf/books/" + other).asString()).isEqualTo(untouched);
    }
}
