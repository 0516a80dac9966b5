package io.quarkiverse.responsecache.test.devui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedis;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * The Dev UI card's JSON-RPC service, in dev mode on a real Redis: live counts move with requests, and every
 * eviction it offers removes what it names.
 */
public class DevUiTest extends DevModeOnRedis {

    static final int PORT = RedisServerProcess.freePort();

    @RegisterExtension
    static final QuarkusDevModeTest app = app(PORT, "devui-test",
            "quarkus.response-cache.endpoint.\"ItemResource.other\".expire=90s\n");

    public DevUiTest() {
        super(PORT);
    }

    @Test
    void countsMoveAndEveryEvictionWorks() throws Exception {
        String id = Await.unique();
        cached("/items/" + id);
        JsonNode item = row(executeJsonRPCMethod("getCounts"), "ItemResource.item");
        assertThat(item.get("miss").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(item.get("hit").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(item.get("hitRatio").asDouble()).isBetween(0.0, 1.0).isGreaterThan(0);

        assertThat(executeJsonRPCMethod("evictUrl", Map.of("url", "/items/" + id)).get("evicted").asLong())
                .isEqualTo(1);
        given().get("/items/" + id).then().header("X-Cache", "MISS");

        cached("/items/" + id);
        assertThat(executeJsonRPCMethod("evictTag", Map.of("tag", "item:" + id)).get("evicted").asLong())
                .isEqualTo(1);

        cached("/items/" + id);
        String key;
        try (RedisTestClient redis = LocalRedis.client()) {
            key = Await.entryKeyHolding(redis, "devui-test", given().get("/items/" + id).asString());
        }
        assertThat(executeJsonRPCMethod("evictKey", Map.of("key", key)).get("evicted").asLong()).isEqualTo(1);

        cached("/items/other/" + id);
        assertThat(executeJsonRPCMethod("evictNamespace", Map.of("namespace", "others")).get("evicted").asLong())
                .isGreaterThanOrEqualTo(1);
        given().get("/items/other/" + id).then().header("X-Cache", "MISS");

        cached("/items/" + id);
        assertThat(executeJsonRPCMethod("evictAll").get("evicted").asLong()).isGreaterThanOrEqualTo(1);
        given().get("/items/" + id).then().header("X-Cache", "MISS");

        JsonNode store = executeJsonRPCMethod("getStore");
        assertThat(store.get("label").asText()).isEqualTo("in Redis");
        assertThat(store.get("nearCache").asBoolean()).isFalse();
        assertThat(store.get("hosts").get(0).asText()).isEqualTo(LocalRedis.url().orElseThrow());
        assertThat(executeJsonRPCMethod("getStoreLabel").asText()).isEqualTo("in Redis");

        JsonNode near = executeJsonRPCMethod("clearNearCache");
        assertThat(near.get("cleared").asBoolean()).isFalse();
        assertThat(executeJsonRPCMethod("evictUrl", Map.of("url", "items")).get("error").asText())
                .contains("starting with /");
    }

    /**
     * The card shows the lifetimes in force: where the annotation leaves one to the configuration, the build's
     * "default" is replaced by the running application's value.
     */
    @Test
    void lifetimesAreTheOnesConfiguredNotTheBuildsDefault() throws Exception {
        JsonNode rows = executeJsonRPCMethod("getCounts");
        assertThat(row(rows, "ItemResource.other").get("expire").asText())
                .as("the endpoint's configuration over its annotation's 60 s").isEqualTo("90 s");
        JsonNode item = row(rows, "ItemResource.item");
        assertThat(item.get("expire").asText()).isEqualTo("60 s");
        assertThat(item.get("staleWhileRevalidate").asText()).isEqualTo("60 s");
        assertThat(item.get("staleIfError").asText()).as("left to the configuration: its value, not \"default\"")
                .matches("off|\\d+ s");
    }

    /**
     * The card's evictions are held to the operator endpoints' checks: the application's own keys in the same Redis
     * (a string, a list) and empty targets are refused with the reason, and nothing is touched.
     */
    @Test
    void foreignKeysAndEmptyTargetsAreRefused() throws Exception {
        String id = Await.unique();
        cached("/items/" + id);
        try (RedisTestClient redis = LocalRedis.client()) {
            String data = "app:devui:" + id;
            String list = "app:devui-list:" + id;
            redis.command("SET", data, "precious");
            redis.command("RPUSH", list, "one", "two");
            for (String foreign : new String[] { data, list }) {
                assertThat(executeJsonRPCMethod("evictKey", Map.of("key", foreign)).get("error").asText())
                        .contains("not a key of this cache");
            }
            assertThat(executeJsonRPCMethod("evictTag", Map.of("tag", "")).get("error").asText())
                    .contains("tag must not be empty");
            assertThat(executeJsonRPCMethod("evictNamespace", Map.of("namespace", "")).get("error").asText())
                    .contains("namespace must not be empty");
            assertThat(executeJsonRPCMethod("evictKey", Map.of("key", "")).get("error").asText())
                    .contains("key must not be empty");
            assertThat(redis.command("GET", data)).isEqualTo("precious");
            assertThat(redis.command("LRANGE", list, "0", "-1")).isEqualTo(java.util.List.of("one", "two"));
            redis.command("DEL", data, list);
        }
        given().get("/items/" + id).then().header("X-Cache", "HIT");
    }

    private static void cached(String path) {
        Await.cachedBody(path, given().get(path).asString());
    }

    private static JsonNode row(JsonNode rows, String name) {
        for (JsonNode row : rows) {
            if (row.get("name").asText().equals(name)) {
                return row;
            }
        }
        throw new AssertionError("no row " + name + " in " + rows);
    }
}
