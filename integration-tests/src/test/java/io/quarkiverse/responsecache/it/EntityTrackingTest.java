package io.quarkiverse.responsecache.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.testing.LocalRedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The library of the demo: a Panache application whose GETs are cached and whose writes carry no cache annotation.
 * Every write is seen by the next read, whichever endpoint wrote and whichever read; reads between writes stay hits.
 */
@QuarkusTest
@WithTestResource(LocalRedisTestResource.class)
class EntityTrackingTest {

    static long create(String title, int price) {
        return given().contentType(ContentType.JSON).body(Map.of("title", title, "price", price))
                .post("/books").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static Response get(String path) {
        return given().get(path).then().statusCode(200).extract().response();
    }

    static String title(String path) {
        return get(path).jsonPath().getString("title");
    }

    static void update(long id, String title, int price) {
        given().contentType(ContentType.JSON).body(Map.of("title", title, "price", price))
                .put("/books/" + id).then().statusCode(200);
    }

    static String unique(String name) {
        return name + "-" + UUID.randomUUID();
    }

    @Test
    void aPersistedBookAppearsInTheCachedListAtOnce() {
        get("/books");
        assertThat(get("/books").header("X-Cache")).isEqualTo("HIT");
        String title = unique("new");
        create(title, 10);
        Response list = get("/books");
        assertThat(list.jsonPath().getList("title")).contains(title);
        assertThat(get("/books").header("X-Cache")).isEqualTo("HIT");
    }

    @Test
    void anEmptyListOfARepositoryIsEvictedByTheFirstRow() {
        // the authors list is empty until this test creates one: a query that loaded nothing is tracked too
        List<Object> before = get("/authors").jsonPath().getList("name");
        assertThat(get("/authors").header("X-Cache")).isEqualTo("HIT");
        String name = unique("author");
        given().contentType(ContentType.JSON).body(Map.of("name", name)).post("/authors").then().statusCode(201);
        List<Object> after = get("/authors").jsonPath().getList("name");
        assertThat(after).hasSize(before.size() + 1).contains(name);
    }

    @Test
    void aManagedChangeAndADeleteAreSeenByTheCachedItem() {
        long id = create(unique("before"), 10);
        String path = "/books/" + id;
        get(path);
        assertThat(get(path).header("X-Cache")).isEqualTo("HIT");

        String renamed = unique("after");
        update(id, renamed, 12);
        assertThat(title(path)).isEqualTo(renamed);

        given().delete(path).then().statusCode(204);
        given().get(path).then().statusCode(404);
    }

    @Test
    void aRecordBuiltFromABookIsRefreshedByAWriteInAnotherEndpoint() {
        long id = create(unique("summary"), 10);
        String path = "/books/" + id + "/summary";
        get(path);
        assertThat(get(path).header("X-Cache")).isEqualTo("HIT");

        String retitled = unique("retitled");
        given().queryParam("title", retitled).put("/library/books/" + id + "/title").then().statusCode(204);
        assertThat(title(path)).isEqualTo(retitled);
    }

    @Test
    void aBulkUpdateIsSeenByTheReadsOfItsType() {
        long id = create(unique("bulk"), 200);
        String item = "/books/" + id;
        String count = "/books/count";
        assertThat(get(item).jsonPath().getInt("price")).isEqualTo(200);
        get(count);
        assertThat(get(item).header("X-Cache")).isEqualTo("HIT");
        assertThat(get(count).header("X-Cache")).isEqualTo("HIT");

        given().queryParam("percent", 50).post("/books/discount").then().statusCode(200);
        assertThat(get(item).jsonPath().getInt("price")).isEqualTo(100);
        assertThat(get(count).header("X-Cache")).isEqualTo("MISS");
    }

    @Test
    void aRollbackEvictsNothing() {
        String title = unique("kept");
        long id = create(title, 10);
        String path = "/books/" + id;
        get(path);
        given().queryParam("title", unique("rolled-back")).put(path + "/rename-and-fail").then().statusCode(409);
        Response after = get(path);
        assertThat(after.jsonPath().getString("title")).isEqualTo(title);
        assertThat(after.header("X-Cache")).isEqualTo("HIT");
    }

    @Test
    void readsBetweenWritesStayHitsAndAWriteOfAnotherBookKeepsThisOne() {
        long id = create(unique("steady"), 10);
        long other = create(unique("other"), 10);
        String path = "/books/" + id;
        get(path);
        for (int i = 0; i < 3; i++) {
            assertThat(get(path).header("X-Cache")).isEqualTo("HIT");
        }
        update(other, unique("other-renamed"), 11);
        assertThat(get(path).header("X-Cache")).isEqualTo("HIT");
    }

    /**
     * The read loads the book, the write commits and evicts while the read is still running, then the read would store
     * what it loaded before the write: it must not, or every later read gets the old title until it expires.
     */
    @Test
    void aReadThatRanAcrossAWriteDoesNotStoreWhatItReadBeforeIt() throws Exception {
        long id = create(unique("raced"), 10);
        String path = "/books/" + id + "/slow";
        int readsBefore = Integer.parseInt(given().get("/books/slow-reads").asString());
        CompletableFuture<String> slowRead = CompletableFuture
                .supplyAsync(() -> given().get(path).jsonPath().getString("title"));
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> Integer.parseInt(given().get("/books/slow-reads").asString()) > readsBefore);
        String renamed = unique("renamed");
        update(id, renamed, 10);
        slowRead.get(20, TimeUnit.SECONDS);
        assertThat(title(path)).isEqualTo(renamed);
    }

    @Test
    void aUniEndpointIsTrackedToo() {
        String path = "/books/cheaper-than/5";
        get(path);
        assertThat(get(path).header("X-Cache")).isEqualTo("HIT");
        String title = unique("cheap");
        create(title, 1);
        assertThat(get(path).jsonPath().getList("title")).contains(title);
    }
}
