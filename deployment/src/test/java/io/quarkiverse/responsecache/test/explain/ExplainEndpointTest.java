package io.quarkiverse.responsecache.test.explain;

import static io.quarkiverse.responsecache.test.explain.ExplainCalls.explain;
import static io.quarkiverse.responsecache.test.explain.ExplainCalls.management;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * {@code GET .../response-cache/explain} on the management interface, against a real Redis: for a hit, a miss (never
 * stored, then evicted) and a bypass, it names the endpoint, the key's inputs, the key a live request is stored under
 * (which {@code Cache-Status} carries here, {@code include-key} being on), the entry, and the outcome with the
 * {@code Cache-Status} detail a live request gets.
 */
class ExplainEndpointTest {

    static final String PREFIX = "explain-test";
    static final int MANAGEMENT_PORT = RedisServerProcess.freePort();
    static final Pattern KEY = Pattern.compile("; key=\"([^\"]+)\"");

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app(PREFIX)
            .overrideConfigKey("quarkus.response-cache.management.enabled", "true")
            .overrideConfigKey("quarkus.response-cache.cache-status-header.include-key", "true")
            .overrideConfigKey("quarkus.management.enabled", "true")
            .overrideConfigKey("quarkus.management.test-port", Integer.toString(MANAGEMENT_PORT))
            .withApplicationRoot(root -> root.addClasses(ExplainResource.class, ExplainCalls.class, Await.class));

    static String keyOf(Response response) {
        Matcher key = KEY.matcher(response.header("Cache-Status"));
        assertThat(key.find()).as("a key in " + response.header("Cache-Status")).isTrue();
        return key.group(1);
    }

    @Test
    void aHitNamesTheEndpointTheKeysInputsTheKeyAndTheEntry() {
        String id = Await.unique();
        String path = "/explained/items/" + id + "?view=long";
        Response miss = given().header("Accept-Language", "fr").get(path);
        assertThat(miss.header("Cache-Status")).startsWith("response-cache; fwd=uri-miss; stored; detail=absent; key=");
        Await.hit(path, () -> given().header("Accept-Language", "fr").get(path));

        JsonPath answer = explain(path, "Accept-Language: fr");

        assertThat(answer.getString("endpoint.name")).isEqualTo("ExplainResource.item");
        assertThat(answer.getString("endpoint.method")).isEqualTo("GET");
        assertThat(answer.getString("endpoint.path")).isEqualTo("/explained/items/{id}");
        assertThat(answer.getMap("endpoint.pathParameters")).isEqualTo(Map.of("id", id));
        assertThat(answer.getString("keyInputs.path")).isEqualTo("/explained/items/" + id);
        assertThat(answer.getMap("keyInputs.queryParameters")).isEqualTo(Map.of("view", List.of("long")));
        assertThat(answer.getMap("keyInputs.varyHeaders")).isEqualTo(Map.of("accept-language", "fr"));
        assertThat(answer.getString("key")).as("the key the live request was stored under").isEqualTo(keyOf(miss));
        assertThat(answer.getList("tags")).containsExactly("item:" + id);
        assertThat(answer.getBoolean("entry.exists")).isTrue();
        assertThat(answer.getInt("entry.status")).isEqualTo(200);
        assertThat(answer.getBoolean("entry.fresh")).isTrue();
        assertThat(answer.getLong("entry.ttlSeconds")).isBetween(1L, 600L);
        assertThat(answer.getInt("entry.bodyBytes")).isEqualTo(miss.asString().length());
        assertThat(answer.getString("outcome")).isEqualTo("hit");
        assertThat(answer.getString("cacheStatus")).startsWith("hit; ttl=");

        JsonPath otherLanguage = explain(path, "Accept-Language: de");
        assertThat(otherLanguage.getString("key")).as("another value of a varying header").isNotEqualTo(keyOf(miss));
        assertThat(otherLanguage.getString("outcome")).isEqualTo("miss");
    }

    @Test
    void aMissSaysWhetherTheKeyWasNeverStoredOrEvicted() {
        String id = Await.unique();
        String path = "/explained/items/" + id;
        JsonPath never = explain(path);
        assertThat(never.getString("outcome")).isEqualTo("miss");
        assertThat(never.getString("detail")).isEqualTo("absent");
        assertThat(never.getBoolean("entry.exists")).isFalse();
        assertThat(never.getString("entry.holds")).isEqualTo("nothing");
        assertThat(never.getMap("keyInputs.queryParameters")).as("the default value").isEqualTo(
                Map.of("view", List.of("short")));

        Response miss = given().get(path);
        assertThat(keyOf(miss)).isEqualTo(never.getString("key"));
        Await.cachedBody(path, miss.asString());
        management().post("/q/response-cache/evict?tag=item:" + id).then().statusCode(200)
                .body("evicted", equalTo(1));

        JsonPath evicted = explain(path);
        assertThat(evicted.getString("outcome")).isEqualTo("miss");
        assertThat(evicted.getString("detail")).isEqualTo("evicted");
        assertThat(evicted.getString("entry.holds")).startsWith("a tombstone");
        assertThat(given().get(path).header("Cache-Status")).as("what a live request says")
                .isEqualTo("response-cache; fwd=uri-miss; stored; detail=evicted; key=\"" + never.getString("key")
                        + "\"");
    }

    @Test
    void aBypassSaysWhy() {
        String path = "/explained/items/" + Await.unique();
        JsonPath withCredentials = explain(path, "Authorization: Bearer secret");
        assertThat(withCredentials.getString("outcome")).isEqualTo("bypass");
        assertThat(withCredentials.getString("bypass")).startsWith("credentials: ");
        assertThat(withCredentials.getString("detail")).isEqualTo("credentials");
        assertThat(given().header("Authorization", "Bearer secret").get(path).header("Cache-Status"))
                .isEqualTo("response-cache; fwd=bypass; detail=credentials");

        JsonPath noStore = explain(path, "Cache-Control: no-store");
        assertThat(noStore.getString("outcome")).isEqualTo("bypass");
        assertThat(noStore.getString("bypass")).startsWith("request-no-store: ");
        assertThat(noStore.getString("detail")).isEqualTo("request-no-store");
        Response live = given().header("Cache-Control", "no-store").get(path);
        assertThat(live.header("Cache-Status")).startsWith("response-cache; fwd=request; detail=request-no-store");
    }

    @Test
    void anEndpointKeyedByPrincipalKeysCallersApart() {
        String path = "/explained/mine/" + Math.abs(Await.unique().hashCode());
        Response alice = given().header("Authorization", "Bearer alice").get(path);
        assertThat(alice.header("X-Cache")).isEqualTo("MISS");

        JsonPath answer = explain(path, "Authorization: Bearer alice");
        assertThat(answer.getString("endpoint.path")).isEqualTo("/explained/mine/{id: \\d+}");
        assertThat(answer.getString("keyInputs.principal")).startsWith("credentials:");
        assertThat(answer.getString("key")).isEqualTo(keyOf(alice));
        assertThat(explain(path, "Authorization: Bearer bob").getString("key")).isNotEqualTo(keyOf(alice));
        assertThat(explain(path, "Authorization: Bearer alice").getString("outcome")).isIn("hit", "miss");
    }

    @Test
    void aUrlNoCachedEndpointMatchesIsA404AndMalformedRequestsA400() {
        management().queryParam("url", "/explained/nothing/here").get("/q/response-cache/explain").then()
                .statusCode(404).body("error", containsString("no cached endpoint matches"))
                .body("cachedEndpoints", hasItem("GET /explained/items/{id}"));
        management().queryParam("url", "/explained/mine/not-a-number").get("/q/response-cache/explain").then()
                .statusCode(404);
        management().get("/q/response-cache/explain").then().statusCode(400).body("error", startsWith("name the URL"));
        management().queryParam("url", "/explained/items/1").queryParam("header", "no colon")
                .get("/q/response-cache/explain").then().statusCode(400);
        management().queryParam("url", "/explained/items/1").queryParam("method", "POST")
                .get("/q/response-cache/explain").then().statusCode(400);
        management().post("/q/response-cache/explain?url=/explained/items/1").then().statusCode(405);
        // not on the application's port
        given().queryParam("url", "/explained/items/1").get("/q/response-cache/explain").then().statusCode(404);
    }
}
