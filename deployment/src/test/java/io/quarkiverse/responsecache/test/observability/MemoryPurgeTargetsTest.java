package io.quarkiverse.responsecache.test.observability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.test.runtime.CountingResource;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The memory store is held to the same purge checks as Redis: a key that is not the cache's and empty targets are
 * refused with the reason, and every entry stays.
 */
class MemoryPurgeTargetsTest {

    static final String PREFIX = "memory-purge-test";

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.withoutRedis(PREFIX)
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.response-cache.store", "memory")
            .overrideConfigKey("quarkus.response-cache.management.enabled", "true")
            .withApplicationRoot(root -> root.addClasses(ItemResource.class, CountingResource.class, Await.class));

    @Test
    void foreignKeysAndEmptyTargetsAreRefusedAndEveryEntryStays() {
        String id = Await.unique();
        String tagged = cached("/items/" + id);
        String defaultNamespace = cached("/counting/" + id);

        for (String path : new String[] { "evict", "soft-purge" }) {
            for (String foreign : new String[] { "app:data:" + id, PREFIX + "#tag:item:" + id, PREFIX + ":x:y" }) {
                given().queryParam("key", foreign).post("/q/response-cache/" + path).then().statusCode(400)
                        .body("error", containsString("not a key of this cache"));
            }
            for (String target : new String[] { "key", "tag", "namespace", "url" }) {
                given().post("/q/response-cache/" + path + "?" + target + "=").then().statusCode(400)
                        .body("error", containsString(target + " must not be empty"));
            }
        }

        given().get("/items/" + id).then().header("X-Cache", "HIT").body(equalTo(tagged));
        given().get("/counting/" + id).then().header("X-Cache", "HIT").body(equalTo(defaultNamespace));
        // the control: a well-formed target of the cache's own is accepted
        given().post("/q/response-cache/evict?tag=item:" + id).then().statusCode(200).body("evicted", equalTo(1));
    }

    private static String cached(String path) {
        String body = given().get(path).asString();
        Await.cachedBody(path, body);
        return body;
    }
}
