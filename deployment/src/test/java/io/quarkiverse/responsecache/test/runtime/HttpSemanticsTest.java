package io.quarkiverse.responsecache.test.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * Conditional requests, Cache-Status, Age, what is never stored or shared, content negotiation, Vary, query parameter
 * selection and order, and the body size limit, against a real Redis. The cache's clock stands still unless a test
 * moves it, so ages and freshness are exact.
 */
class HttpSemanticsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("semantics-test")
            .overrideConfigKey("quarkus.response-cache.max-body-size", "1K")
            .withApplicationRoot(root -> root.addClasses(SemanticsResource.class, Await.class, ManualClock.class));

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    ManualClock clock;

    /**
     * A text entry, stored and confirmed by a hit of the very body (and so the ETag) the miss sent: any request in
     * between either hits or joins the miss's computation, never computes the key again.
     *
     * @return its ETag
     */
    static String storedText(String id) {
        Response miss = given().get("/semantics/text/" + id);
        assertThat(miss.header("X-Cache")).isEqualTo("MISS");
        Await.cachedBody("/semantics/text/" + id, miss.asString());
        return miss.header("ETag");
    }

    @Test
    void ifNoneMatchListWithTheEtagGets304() {
        String id = Await.unique();
        String etag = storedText(id);
        Response response = given().header("If-None-Match", "\"x\", " + etag).get("/semantics/text/" + id);
        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.asByteArray()).isEmpty();
    }

    @Test
    void weakFormOfTheEtagGets304() {
        String id = Await.unique();
        String etag = storedText(id);
        given().header("If-None-Match", "W/" + etag).get("/semantics/text/" + id).then().statusCode(304);
    }

    @Test
    void starGets304() {
        String id = Await.unique();
        storedText(id);
        given().header("If-None-Match", "*").get("/semantics/text/" + id).then().statusCode(304);
    }

    @Test
    void garbageIfNoneMatchIsNoMatch() {
        String id = Await.unique();
        String etag = storedText(id);
        Response response = given().header("If-None-Match", "garbage " + etag).get("/semantics/text/" + id);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.asString()).startsWith("text-" + id);
    }

    @Test
    void a304CarriesEtagCacheControlAgeAndCacheStatus() {
        String id = Await.unique();
        String etag = storedText(id);
        Response response = given().header("If-None-Match", etag).get("/semantics/text/" + id);
        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.header("ETag")).isEqualTo(etag);
        assertThat(response.header("Cache-Control")).isEqualTo("max-age=60");
        assertThat(response.header("Age")).isEqualTo("0");
        assertThat(response.header("X-Cache")).isEqualTo("HIT");
        assertThat(response.header("Cache-Status")).isEqualTo("response-cache; hit; ttl=60");

        clock.advance(Duration.ofSeconds(7));
        Response later = given().header("If-None-Match", etag).get("/semantics/text/" + id);
        assertThat(later.statusCode()).isEqualTo(304);
        assertThat(later.header("Age")).isEqualTo("7");
        assertThat(later.header("Cache-Control")).isEqualTo("max-age=53");
        assertThat(later.header("Cache-Status")).isEqualTo("response-cache; hit; ttl=53");
    }

    @Test
    void aHitSaysHowOldItIsAndHowLongItStaysFresh() {
        String id = Await.unique();
        Response miss = given().get("/semantics/text/" + id);
        assertThat(miss.header("Age")).as("a miss is not aged").isNull();
        assertThat(miss.header("Cache-Control")).isEqualTo("max-age=60");
        Await.cachedBody("/semantics/text/" + id, miss.asString());

        clock.advance(Duration.ofSeconds(7));
        Response hit = given().get("/semantics/text/" + id);
        assertThat(hit.asString()).isEqualTo(miss.asString());
        assertThat(hit.header("X-Cache")).isEqualTo("HIT");
        assertThat(hit.header("Age")).isEqualTo("7");
        assertThat(hit.header("Cache-Control")).isEqualTo("max-age=53");
        assertThat(hit.header("Cache-Status")).isEqualTo("response-cache; hit; ttl=53");

        clock.advance(Duration.ofMillis(52_500));
        Response lastHalfSecond = given().get("/semantics/text/" + id);
        assertThat(lastHalfSecond.header("X-Cache")).isEqualTo("HIT");
        assertThat(lastHalfSecond.header("Age")).isEqualTo("59");
        assertThat(lastHalfSecond.header("Cache-Control")).as("rounded up while fresh").isEqualTo("max-age=1");
        assertThat(lastHalfSecond.header("Cache-Status")).isEqualTo("response-cache; hit; ttl=1");
    }

    @Test
    void cacheStatusSaysStoredOnAMissAndHitOnAHit() {
        String id = Await.unique();
        Response miss = given().get("/semantics/text/" + id);
        assertThat(miss.header("Cache-Status")).isEqualTo("response-cache; fwd=uri-miss; stored; detail=absent");
        Await.cachedBody("/semantics/text/" + id, miss.asString());
        assertThat(given().get("/semantics/text/" + id).header("Cache-Status"))
                .isEqualTo("response-cache; hit; ttl=60");
    }

    @Test
    void ifNoneMatchWorksOnAMissAndOnTheEndpointsOwnEtag() {
        String id = Await.unique();
        Response miss = given().header("If-None-Match", "\"v1\"").get("/semantics/own-etag/" + id);
        assertThat(miss.statusCode()).isEqualTo(304);
        assertThat(miss.header("X-Cache")).isEqualTo("MISS");
        assertThat(miss.header("ETag")).isEqualTo("\"v1\"");
        Await.cachedBody("/semantics/own-etag/" + id, "own-etag-" + id + "-" + (SemanticsResource.CALLS.get()));
        given().header("If-None-Match", "W/\"v1\"").get("/semantics/own-etag/" + id).then().statusCode(304)
                .header("X-Cache", "HIT").header("ETag", "\"v1\"");
    }

    @Test
    void aHitReplaysWhatWasStoredEachHeaderOnceWithOrWithoutResponseCustomizers() {
        String path = "/semantics/customized/" + Await.unique();
        Response miss = given().get(path);
        assertThat(miss.headers().getValues("X-Customized")).containsExactly("one", "two");
        assertThat(miss.header("WWW-Authenticate")).isEqualTo("Basic");
        Await.cachedBody(path, miss.asString());

        Response hit = given().get(path);
        assertThat(hit.header("X-Cache")).isEqualTo("HIT");
        assertThat(hit.statusCode()).isEqualTo(200);
        assertThat(hit.headers().getValues("X-Customized")).containsExactly("one", "two");
        assertThat(hit.headers().getValues("Content-Type")).containsExactly(miss.header("Content-Type"));
        assertThat(hit.header("WWW-Authenticate")).as("never stored, so never replayed").isNull();

        // without customizers: the stored Content-Type takes the place of the one Quarkus REST gives the result
        String text = "/semantics/text/" + Await.unique();
        storedText(text.substring(text.lastIndexOf('/') + 1));
        Response textHit = given().get(text);
        assertThat(textHit.header("X-Cache")).isEqualTo("HIT");
        assertThat(textHit.headers().getValues("Content-Type")).containsExactly("text/plain;charset=UTF-8");
    }

    @Test
    void aResponseSettingACookieIsNeverStored() {
        String id = Await.unique();
        Response first = given().get("/semantics/cookie/" + id);
        assertThat(first.header("Set-Cookie")).contains("session=secret");
        assertThat(first.header("Cache-Status")).isEqualTo("response-cache; fwd=uri-miss; detail=absent");
        Response second = given().get("/semantics/cookie/" + id);
        assertThat(second.asString()).isNotEqualTo(first.asString());
        assertThat(second.header("X-Cache")).isEqualTo("MISS");
    }

    @Test
    void privateAndNoStoreResponsesAreNeverStored() {
        for (String kind : new String[] { "private", "no-store" }) {
            String id = Await.unique();
            Response first = given().get("/semantics/" + kind + "/" + id);
            Response second = given().get("/semantics/" + kind + "/" + id);
            assertThat(second.asString()).as(kind).isNotEqualTo(first.asString());
            assertThat(second.header("Cache-Control")).as(kind).contains(kind);
        }
    }

    @Test
    void aRequestWithCredentialsNeverGetsASharedEntryAndIsNotStored() {
        String id = Await.unique();
        String anonymous = given().get("/semantics/shared/" + id).asString();
        Await.cachedBody("/semantics/shared/" + id, anonymous);

        Response alice = given().header("Authorization", "Bearer alice").get("/semantics/shared/" + id);
        assertThat(alice.asString()).startsWith("for-Bearer alice-");
        assertThat(alice.header("X-Cache")).isEqualTo("BYPASS");
        assertThat(alice.header("Cache-Status")).isEqualTo("response-cache; fwd=bypass; detail=credentials");
        Response aliceAgain = given().header("Authorization", "Bearer alice").get("/semantics/shared/" + id);
        assertThat(aliceAgain.asString()).isNotEqualTo(alice.asString());
        assertThat(given().get("/semantics/shared/" + id).asString()).as("the shared entry is untouched")
                .isEqualTo(anonymous);
    }

    @Test
    void keyByPrincipalGivesEachCredentialItsOwnPrivateEntry() {
        String id = Await.unique();
        Response alice = given().header("Authorization", "Bearer alice").get("/semantics/per-user/" + id);
        Response bob = given().header("Authorization", "Bearer bob").get("/semantics/per-user/" + id);
        assertThat(alice.asString()).startsWith("for-Bearer alice-");
        assertThat(bob.asString()).startsWith("for-Bearer bob-");
        assertThat(alice.header("Cache-Control")).isEqualTo("private, max-age=60");

        Response aliceHit = awaitHit("/semantics/per-user/" + id, "Bearer alice");
        Response bobHit = awaitHit("/semantics/per-user/" + id, "Bearer bob");
        assertThat(aliceHit.asString()).isEqualTo(alice.asString());
        assertThat(bobHit.asString()).isEqualTo(bob.asString());
        assertThat(aliceHit.header("Cache-Control")).startsWith("private, max-age=");
        Response anonymous = given().get("/semantics/per-user/" + id);
        assertThat(anonymous.asString()).startsWith("for-null-");
    }

    @Test
    void jsonAndTextAreSeparateEntriesOfANegotiatingEndpoint() {
        String id = Await.unique();
        Response json = given().accept("application/json").get("/semantics/negotiated/" + id);
        Response text = given().accept("text/plain").get("/semantics/negotiated/" + id);
        assertThat(json.header("Content-Type")).startsWith("application/json");
        assertThat(text.header("Content-Type")).startsWith("text/plain");
        assertThat(json.header("Vary")).contains("Accept");

        Response jsonHit = awaitHit("/semantics/negotiated/" + id, null, "application/json");
        Response textHit = awaitHit("/semantics/negotiated/" + id, null, "text/plain");
        assertThat(jsonHit.asString()).isEqualTo(json.asString()).startsWith("{");
        assertThat(jsonHit.header("Content-Type")).startsWith("application/json");
        assertThat(textHit.asString()).isEqualTo(text.asString()).startsWith("negotiated-");
        assertThat(textHit.header("Content-Type")).startsWith("text/plain");
        assertThat(jsonHit.header("Vary")).contains("Accept");
    }

    @Test
    void declaredVaryHeadersTakePartInTheKeyAndAreAnnounced() {
        String id = Await.unique();
        Response english = given().header("Accept-Language", "en").get("/semantics/language/" + id);
        Response french = given().header("Accept-Language", "fr").get("/semantics/language/" + id);
        assertThat(english.asString()).startsWith("en-");
        assertThat(french.asString()).startsWith("fr-");
        assertThat(english.header("Vary")).isEqualTo("Accept-Language");
        Response englishAgain = Await.hit("/semantics/language/" + id + " in en",
                () -> given().header("Accept-Language", "en").get("/semantics/language/" + id));
        assertThat(englishAgain.asString()).isEqualTo(english.asString());
        assertThat(englishAgain.header("Vary")).isEqualTo("Accept-Language");
    }

    @Test
    void onlyTheDeclaredQueryParametersTakePartInTheKey() {
        String id = Await.unique();
        String first = given().get("/semantics/tracked/" + id + "?page=1&utm_source=mail").asString();
        Await.cachedBody("/semantics/tracked/" + id + "?page=1&utm_source=web", first);
        assertThat(given().get("/semantics/tracked/" + id + "?page=2&utm_source=mail").asString())
                .isNotEqualTo(first);
    }

    @Test
    void theOrderOfDeclaredQueryParametersNeverChangesTheKey() {
        String path = "/semantics/declared-query/" + Await.unique();
        // "Aa" and "BB" have one String hash code: a HashMap keeps those two in arrival order, only sorting orders them
        List<String> parameters = List.of("zeta=1", "alpha=2", "mid=3", "Aa=4", "BB=5");
        HttpResponse<String> miss = exactly(path, parameters);
        awaitCached(path, parameters, miss.body());

        for (List<String> order : permutations(parameters)) {
            HttpResponse<String> response = exactly(path, order);
            assertThat(response.headers().firstValue("X-Cache")).as("%s", order).contains("HIT");
            assertThat(response.body()).as("%s", order).isEqualTo(miss.body());
        }
    }

    @Test
    void anEndpointThatSeesTheQueryAsSentIsKeyedByItsOrder() {
        String path = "/semantics/query/" + Await.unique();
        HttpResponse<String> miss = exactly(path, List.of("x=1", "y=2"));
        assertThat(miss.body()).as("the endpoint saw the query as sent").endsWith("?x=1&y=2");
        awaitCached(path, List.of("x=1", "y=2"), miss.body());
        HttpResponse<String> swapped = exactly(path, List.of("y=2", "x=1"));
        assertThat(swapped.body()).as("its own answer, not the stored one").endsWith("?y=2&x=1");
    }

    @Test
    void queryParametersThatDifferInValueAreDifferentEntries() {
        String path = "/semantics/query/" + Await.unique();
        String first = exactly(path, List.of("x=1", "y=2")).body();
        awaitCached(path, List.of("x=1", "y=2"), first);
        assertThat(exactly(path, List.of("y=1", "x=2")).headers().firstValue("X-Cache")).as("values swapped")
                .contains("MISS");
        assertThat(exactly(path, List.of("tag=a", "tag=b")).headers().firstValue("X-Cache")).contains("MISS");
        assertThat(exactly(path, List.of("tag=b", "tag=a")).headers().firstValue("X-Cache"))
                .as("the values of a repeated parameter keep their order").contains("MISS");
    }

    static void awaitCached(String path, List<String> parameters, String body) {
        Await.awaiting(path + "?" + parameters + " answered from the cache").untilAsserted(() -> {
            HttpResponse<String> response = exactly(path, parameters);
            assertThat(response.headers().firstValue("X-Cache")).contains("HIT");
            assertThat(response.body()).isEqualTo(body);
        });
    }

    /** Sends the query exactly in this order (REST Assured would parse and rebuild it). */
    static HttpResponse<String> exactly(String path, List<String> parameters) {
        URI uri = URI.create("http://localhost:" + RestAssured.port + path + "?" + String.join("&", parameters));
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<List<String>> permutations(List<String> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        List<List<String>> permutations = new ArrayList<>();
        for (String first : items) {
            List<String> rest = new ArrayList<>(items);
            rest.remove(first);
            for (List<String> tail : permutations(rest)) {
                List<String> permutation = new ArrayList<>(items.size());
                permutation.add(first);
                permutation.addAll(tail);
                permutations.add(permutation);
            }
        }
        return permutations;
    }

    @Test
    void aBodyOverTheLimitIsServedWholeButNotStored() {
        String id = Await.unique();
        Response first = given().get("/semantics/large/" + id);
        assertThat(first.asString()).hasSize(("large-" + id + "-").length()
                + Integer.toString(SemanticsResource.CALLS.get()).length() + 4096);
        assertThat(first.header("Cache-Status")).isEqualTo("response-cache; fwd=uri-miss; detail=absent");
        Response second = given().get("/semantics/large/" + id);
        assertThat(second.asString()).isNotEqualTo(first.asString());
        assertThat(second.header("X-Cache")).isEqualTo("MISS");
    }

    static Response awaitHit(String path, String authorization) {
        return awaitHit(path, authorization, null);
    }

    static Response awaitHit(String path, String authorization, String accept) {
        return Await.hit(path + " for " + authorization + ", accepting " + accept, () -> {
            var request = given();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            if (accept != null) {
                request.accept(accept);
            }
            return request.get(path);
        });
    }
}
