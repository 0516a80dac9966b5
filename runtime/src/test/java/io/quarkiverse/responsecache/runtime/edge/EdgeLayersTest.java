package io.quarkiverse.responsecache.runtime.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The purge clients against local servers that check each request as Fastly's and Cloudflare's API documentation
 * describes it (their services are not reachable from the build), and the PURGE an HTTP cache gets.
 */
class EdgeLayersTest {

    static Vertx vertx;
    FakeApi api;
    EdgeHttp http;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close();
    }

    @BeforeEach
    void start() throws Exception {
        api = new FakeApi(vertx);
        http = new EdgeHttp(vertx, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        api.close();
    }

    @Test
    void fastlyGetsTheDocumentedPurgeBySurrogateKeyInBatchesOf256() {
        api.answer = request -> {
            JsonObject body = new JsonObject(request.body());
            boolean documented = request.method().equals("POST") && request.path().equals("/service/svc-1/purge")
                    && "token-1".equals(request.headers().get("Fastly-Key"))
                    && request.headers().get("Content-Type").startsWith("application/json")
                    && body.getJsonArray("surrogate_keys").size() <= 256;
            return new FakeApi.Answer(documented ? 200 : 400, "{\"status\":\"ok\"}");
        };
        FastlyLayer fastly = new FastlyLayer(api.url("/"), "svc-1", "token-1", http);

        fastly.purge(numbered(300), false).await().atMost(Duration.ofSeconds(30));

        assertThat(api.requests).hasSize(2);
        List<Object> purged = new ArrayList<>();
        for (FakeApi.Request request : api.requests) {
            purged.addAll(new JsonObject(request.body()).getJsonArray("surrogate_keys").getList());
            assertThat(request.headers().get("Fastly-Soft-Purge")).isNull();
        }
        assertThat(purged).containsExactlyInAnyOrderElementsOf(numbered(300));
    }

    @Test
    void aSoftPurgeOfFastlySaysSo() {
        FastlyLayer fastly = new FastlyLayer(api.url(""), "svc-1", "token-1", http);

        fastly.purge(List.of("item:42"), true).await().atMost(Duration.ofSeconds(30));

        assertThat(api.requests).singleElement().satisfies(request -> {
            assertThat(request.headers().get("Fastly-Soft-Purge")).isEqualTo("1");
            assertThat(new JsonObject(request.body())).isEqualTo(
                    new JsonObject().put("surrogate_keys", new JsonArray().add("item:42")));
        });
    }

    @Test
    void cloudflareGetsTheDocumentedPurgeByTagInBatchesOf30() {
        api.answer = request -> {
            JsonArray tags = new JsonObject(request.body()).getJsonArray("tags");
            boolean documented = request.method().equals("POST")
                    && request.path().equals("/client/v4/zones/zone-1/purge_cache")
                    && "Bearer token-2".equals(request.headers().get("Authorization"))
                    && request.headers().get("Content-Type").startsWith("application/json")
                    && tags.size() <= 30;
            return new FakeApi.Answer(documented ? 200 : 400,
                    new JsonObject().put("success", documented).put("errors", new JsonArray()).encode());
        };
        CloudflareLayer cloudflare = new CloudflareLayer(api.url("/client/v4"), "zone-1", "token-2", http);

        cloudflare.purge(numbered(31), false).await().atMost(Duration.ofSeconds(30));

        assertThat(api.requests).hasSize(2);
        List<Object> purged = new ArrayList<>();
        api.requests.forEach(request -> purged.addAll(new JsonObject(request.body()).getJsonArray("tags").getList()));
        assertThat(purged).containsExactlyInAnyOrderElementsOf(numbered(31));
    }

    /**
     * Purges are sent from threads that are not Vert.x's (a transaction's completion, an operator's request on a worker
     * thread): the answer's body must still be read whole. It once was lost now and then, when the body handler was set
     * a turn after the headers arrived; each purge here is a chance for that.
     */
    @Test
    void everyAnswerIsReadWholeWhenPurgesComeFromOtherThreads() {
        api.answer = request -> new FakeApi.Answer(200, "{\"success\":true,\"errors\":[]}");
        CloudflareLayer cloudflare = new CloudflareLayer(api.url(""), "zone-1", "token-2", http);

        for (int purge = 0; purge < 200; purge++) {
            cloudflare.purge(List.of("item:" + purge), false).await().atMost(Duration.ofSeconds(30));
        }

        assertThat(api.requests).hasSize(200);
    }

    @Test
    void aCloudflareAnswerThatIsNoSuccessFailsThePurge() {
        api.answer = request -> new FakeApi.Answer(200, "{\"success\":false,\"errors\":[{\"code\":1134}]}");
        CloudflareLayer cloudflare = new CloudflareLayer(api.url(""), "zone-1", "token-2", http);

        assertThatThrownBy(() -> cloudflare.purge(List.of("a"), false).await().atMost(Duration.ofSeconds(30)))
                .hasMessageContaining("1134");
    }

    @Test
    void anHttpCacheGetsOnePurgeWhoseHeaderListsTheKeys() {
        HttpCacheLayer varnish = new HttpCacheLayer(api.url("/"), "xkey-purge", "xkey-softpurge", http);

        varnish.purge(List.of("item:42", "response-cache#overflow"), false).await().atMost(Duration.ofSeconds(30));
        varnish.purge(List.of("item:42"), true).await().atMost(Duration.ofSeconds(30));

        assertThat(api.requests).extracting(FakeApi.Request::method).containsExactly("PURGE", "PURGE");
        assertThat(FakeApi.headers(api.requests.get(0), "xkey-purge", "xkey-softpurge"))
                .containsExactlyEntriesOf(orderedMap("xkey-purge", "item:42 response-cache#overflow",
                        "xkey-softpurge", null));
        assertThat(api.requests.get(1).headers().get("xkey-softpurge")).isEqualTo("item:42");
    }

    @Test
    void anAnswerOtherThan2xxFailsThePurge() {
        api.answer = request -> new FakeApi.Answer(405, "not allowed");
        HttpCacheLayer varnish = new HttpCacheLayer(api.url("/"), "xkey-purge", "xkey-softpurge", http);

        assertThatThrownBy(() -> varnish.purge(List.of("a"), false).await().atMost(Duration.ofSeconds(30)))
                .hasMessageContaining("405");
    }

    @Test
    void longListsOfKeysAreSentInSeveralPurges() {
        List<String> values = HttpCacheLayer.headerValues(numbered(1000));

        assertThat(values).hasSizeGreaterThan(1).allSatisfy(value -> assertThat(value.length())
                .isLessThanOrEqualTo(HttpCacheLayer.MAX_HEADER_LENGTH));
        assertThat(String.join(" ", values).split(" ")).containsExactlyElementsOf(numbered(1000));
    }

    private static List<String> numbered(int count) {
        List<String> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add("product:" + i);
        }
        return keys;
    }

    private static Map<String, String> orderedMap(String k1, String v1, String k2, String v2) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
