package io.quarkiverse.responsecache.test.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedis;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.specification.RequestSpecification;

/**
 * The operator endpoints, enabled, on the management interface: evict by URL, key, tag, namespace and everything,
 * soft-purge, and refuse what is malformed. The application's own port does not serve them.
 */
class PurgeEndpointsTest {

    static final String PREFIX = "purge-test";
    /** A free port of its own: the default 9001 may be taken by another build on the machine. */
    static final int MANAGEMENT_PORT = RedisServerProcess.freePort();

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app(PREFIX)
            .overrideConfigKey("quarkus.response-cache.management.enabled", "true")
            .overrideConfigKey("quarkus.management.enabled", "true")
            .overrideConfigKey("quarkus.management.test-port", Integer.toString(MANAGEMENT_PORT))
            .withApplicationRoot(root -> root.addClasses(ItemResource.class, Await.class));

    /** The management interface, at the port the application was given (the test class is loaded twice). */
    static RequestSpecification management() {
        return given().port(managementPort());
    }

    static int managementPort() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }

    @Test
    void evictByUrlRemovesEveryVariantOfThePath() {
        String id = Await.unique();
        cached("/items/" + id + "?view=short");
        cached("/items/" + id + "?view=long");
        String other = Await.unique();
        cached("/items/" + other);

        management().post("/q/response-cache/evict?url=/items/" + id).then().statusCode(200)
                .body("evicted", equalTo(2));

        given().get("/items/" + id + "?view=short").then().header("X-Cache", "MISS");
        given().get("/items/" + id + "?view=long").then().header("X-Cache", "MISS");
        given().get("/items/" + other).then().header("X-Cache", "HIT");
    }

    @Test
    void evictByKeyTagAndNamespace() {
        String id = Await.unique();
        String body = cached("/items/" + id);
        String key;
        try (RedisTestClient redis = LocalRedis.client()) {
            key = Await.entryKeyHolding(redis, PREFIX, body);
        }
        management().post("/q/response-cache/evict?key=" + key).then().statusCode(200).body("evicted", equalTo(1));
        given().get("/items/" + id).then().header("X-Cache", "MISS");

        Await.cachedBody("/items/" + id, given().get("/items/" + id).asString());
        management().post("/q/response-cache/evict?tag=item:" + id).then().statusCode(200)
                .body("evicted", equalTo(1));
        given().get("/items/" + id).then().header("X-Cache", "MISS");

        String other = Await.unique();
        cached("/items/other/" + other);
        Await.cachedBody("/items/" + id, given().get("/items/" + id).asString());
        management().post("/q/response-cache/evict?namespace=others").then().statusCode(200);
        given().get("/items/other/" + other).then().header("X-Cache", "MISS");
        given().get("/items/" + id).then().header("X-Cache", "HIT");
    }

    @Test
    void evictAll() {
        String id = Await.unique();
        cached("/items/" + id);
        cached("/items/other/" + id);

        int evicted = management().post("/q/response-cache/evict?all=true").then().statusCode(200).extract()
                .path("evicted");

        assertThat(evicted).isGreaterThanOrEqualTo(2);
        given().get("/items/" + id).then().header("X-Cache", "MISS");
        given().get("/items/other/" + id).then().header("X-Cache", "MISS");
    }

    @Test
    void softPurgeMarksEntriesStaleInsteadOfRemovingThem() {
        String id = Await.unique();
        String body = cached("/items/" + id);

        management().post("/q/response-cache/soft-purge?tag=item:" + id).then().statusCode(200)
                .body("marked-stale", equalTo(1));

        // the entry is still there, stale: within the endpoint's stale-while-revalidate window it is served at once
        // while one refresh runs in the background, after which the refreshed response is served
        given().get("/items/" + id).then().header("X-Cache", "HIT")
                .header("Cache-Status", org.hamcrest.Matchers.endsWith("detail=stale")).body(equalTo(body));
        Await.awaiting("the refreshed entry").until(() -> {
            String now = given().get("/items/" + id).then().header("X-Cache", "HIT").extract().asString();
            return !now.equals(body);
        });
        // a soft purge of what is already stale or absent marks nothing
        management().post("/q/response-cache/soft-purge?key=" + PREFIX + ":nothing:here").then().statusCode(200)
                .body("marked-stale", equalTo(0));
    }

    @Test
    void malformedPurgesAreRefused() {
        management().get("/q/response-cache/evict?all=true").then().statusCode(405).header("Allow", "POST");
        management().post("/q/response-cache/evict").then().statusCode(400);
        management().post("/q/response-cache/evict?tag=a&namespace=b").then().statusCode(400);
        management().post("/q/response-cache/evict?all=yes").then().statusCode(400);
        management().post("/q/response-cache/evict?url=items").then().statusCode(400);
        management().post("/q/response-cache/soft-purge?key=").then().statusCode(400);
    }

    @Test
    void theApplicationPortDoesNotServeThem() {
        given().post("/q/response-cache/evict?all=true").then().statusCode(404);
    }

    private static String cached(String path) {
        String body = given().get(path).asString();
        Await.cachedBody(path, body);
        return body;
    }
}
