package io.quarkiverse.responsecache.test.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.test.runtime.CountingResource;
import io.quarkiverse.responsecache.testing.LocalRedis;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.specification.RequestSpecification;

/**
 * The operator endpoints, enabled, on the management interface: evict by URL, key, tag, namespace and everything,
 * soft-purge, and refuse what is malformed or not the cache's own (a key of the application's data in the same
 * Redis), touching nothing. Each purge is logged with who asked. The application's own port does not serve them.
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
            .withApplicationRoot(root -> root.addClasses(ItemResource.class, CountingResource.class, Await.class))
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.quarkiverse.responsecache"))
            .assertLogRecords(records -> {
                assertThat(records).filteredOn(record -> record.getMessage().contains("entries evicted by"))
                        .isNotEmpty()
                        .allSatisfy(record -> assertThat(String.valueOf(record.getParameters()[3]))
                                .matches(".+:\\d+ \\(principal anonymous\\)"));
                assertThat(records).filteredOn(record -> record.getMessage().contains("purge refused"))
                        .isNotEmpty()
                        .allSatisfy(record -> assertThat(String.valueOf(record.getParameters()[1]))
                                .matches(".+:\\d+ \\(principal anonymous\\)"));
            });

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
        management().post("/q/response-cache/soft-purge?key=" + PREFIX + ":nothing:AAAAAAAAAAAAAAAAAAAAAA").then()
                .statusCode(200)
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
        management().post("/q/response-cache/evict?tag=a&tag=b").then().statusCode(400);
        management().post("/q/response-cache/evict?url=/items/1?view=short").then().statusCode(400)
                .body("error", containsString("without a query"));
    }

    /**
     * The application's own data in the same Redis, a string and a list, is outside the cache's prefix: a purge of
     * either key is refused with the reason and both stay as they were. So are the cache's own index and lock keys,
     * which are not entries.
     */
    @Test
    void aKeyThatIsNotTheCachesIsRefusedAndUntouched() {
        String id = Await.unique();
        String cachedBody = cached("/items/" + id);
        try (RedisTestClient redis = LocalRedis.client()) {
            String data = "app:data:" + id;
            String list = "app:list:" + id;
            redis.command("SET", data, "precious");
            redis.command("RPUSH", list, "one", "two");
            String entryKey = Await.entryKeyHolding(redis, PREFIX, cachedBody);
            for (String path : new String[] { "evict", "soft-purge" }) {
                for (String foreign : new String[] { data, list, PREFIX + "#tag:item:" + id, entryKey + ":lock",
                        PREFIX + ":items:short", PREFIX + "x:items:AAAAAAAAAAAAAAAAAAAAAA" }) {
                    management().queryParam("key", foreign).post("/q/response-cache/" + path).then().statusCode(400)
                            .body("error", containsString("key"));
                }
            }
            assertThat(redis.command("GET", data)).isEqualTo("precious");
            assertThat(redis.command("TYPE", list)).isEqualTo("list");
            assertThat(redis.command("LRANGE", list, "0", "-1")).isEqualTo(java.util.List.of("one", "two"));
            assertThat(redis.command("TYPE", PREFIX + "#tag:item:" + id)).isEqualTo("zset");
            redis.command("DEL", data, list);
        }
        given().get("/items/" + id).then().header("X-Cache", "HIT").body(equalTo(cachedBody));
    }

    /**
     * An empty or blank target names nothing: {@code namespace=} used to evict the whole default namespace. Refused,
     * and the entries of the default namespace and of a tag stay.
     */
    @Test
    void emptyTargetsAreRefusedAndEvictNothing() {
        String id = Await.unique();
        String tagged = cached("/items/" + id);
        String defaultNamespace = cached("/counting/" + id);
        for (String path : new String[] { "evict", "soft-purge" }) {
            for (String target : new String[] { "key", "tag", "namespace", "url" }) {
                management().post("/q/response-cache/" + path + "?" + target + "=").then().statusCode(400)
                        .body("error", containsString(target + " must not be empty"));
                management().queryParam(target, " ").post("/q/response-cache/" + path).then().statusCode(400);
            }
        }
        given().get("/items/" + id).then().header("X-Cache", "HIT").body(equalTo(tagged));
        given().get("/counting/" + id).then().header("X-Cache", "HIT").body(equalTo(defaultNamespace));
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
