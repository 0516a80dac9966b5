package io.quarkiverse.responsecache.test.key;

import static io.quarkiverse.responsecache.test.key.InputsResource.read;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.UnaryOperator;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoints;
import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Each way an endpoint reads its request, tried as an attacker would: the attacker's request comes first and is
 * stored; the victim's request must then get the victim's own response, never the attacker's. And the split works
 * the other way too: a request like the stored one is answered from the cache.
 */
class KeyInputsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("key-inputs-test")
            .overrideConfigKey("quarkus.http.proxy.proxy-address-forwarding", "true")
            .overrideConfigKey("quarkus.http.proxy.enable-forwarded-host", "true")
            .withApplicationRoot(root -> root.addClasses(InputsResource.class, InputsResource.Filter.class,
                    InputsResource.Criteria.class, FieldInputsResource.class,
                    FieldInputsResource.UriFieldResource.class, Await.class));

    @Inject
    CachedEndpoints endpoints;

    /**
     * The attacker's request is stored; then the victim's request is answered with what the endpoint reads from it,
     * and a repeat of the attacker's request is a hit on the attacker's entry.
     *
     * @return the victim's response
     */
    static Response attackThenVictim(String path, UnaryOperator<RequestSpecification> attacker,
            UnaryOperator<RequestSpecification> victim, String victimReads) {
        Response attack = attacker.apply(given()).get(path);
        assertThat(attack.header("X-Cache")).isEqualTo("MISS");
        String attackBody = attack.asString();
        awaitHit(path, attacker, attackBody);
        Response answer = victim.apply(given()).get(path);
        assertThat(read(answer.asString())).as("the victim's own response").isEqualTo(victimReads);
        assertThat(answer.asString()).isNotEqualTo(attackBody);
        return answer;
    }

    static void awaitHit(String path, UnaryOperator<RequestSpecification> request, String body) {
        Await.awaiting(path + " answered from the store").untilAsserted(() -> {
            Response again = request.apply(given()).get(path);
            assertThat(again.header("X-Cache")).isEqualTo("HIT");
            assertThat(again.asString()).isEqualTo(body);
        });
    }

    @Test
    void forwardedHostDoesNotPoisonAnEndpointThatReadsTheUri() {
        String path = "/inputs/uri/" + Await.unique();
        attackThenVictim(path, r -> r.header("X-Forwarded-Host", "evil.example"), r -> r,
                "http://localhost?null");
    }

    @Test
    void aForeignHostHeaderDoesNotPoisonAnEndpointThatReadsTheUri() {
        String path = "/inputs/uri/" + Await.unique();
        attackThenVictim(path, r -> r.header("Host", "evil.example"), r -> r, "http://localhost?null");
    }

    @Test
    void forwardedProtoDoesNotPoisonAnEndpointThatReadsTheUri() {
        String path = "/inputs/uri/" + Await.unique();
        attackThenVictim(path, r -> r.header("X-Forwarded-Proto", "https"), r -> r, "http://localhost?null");
    }

    @Test
    void anEndpointThatReadsTheUriIsKeyedByTheWholeQueryInItsOrder() {
        String path = "/inputs/uri/" + Await.unique();
        attackThenVictim(path, r -> r.urlEncodingEnabled(false).queryParam("x", "1").queryParam("y", "2"),
                r -> r.urlEncodingEnabled(false).queryParam("y", "2").queryParam("x", "1"), "http://localhost?y=2&x=1");
    }

    @Test
    void aHeaderInjectedIntoTheResourceClassTakesPartInTheKey() {
        String path = "/field-inputs/tenant/" + Await.unique();
        Response victim = attackThenVictim(path, r -> r.header("X-Tenant", "evil"), r -> r.header("X-Tenant", "acme"),
                "tenant=acme");
        assertThat(victim.header("Vary")).isEqualTo("X-Tenant");
    }

    @Test
    void aUriInjectedIntoTheResourceClassGivesTheConservativeKey() {
        String path = "/uri/" + Await.unique();
        attackThenVictim(path, r -> r.header("X-Forwarded-Host", "evil.example"), r -> r, "http://localhost?null");
        assertThat(endpoints.policy(FieldInputsResource.UriFieldResource.class.getName() + "#host").endpoint()
                .describeKey()).contains("conservative, because it injects UriInfo (field uri of resource class");
    }

    @Test
    void matrixParametersTakePartInTheKeyOfAnEndpointThatReadsThem() {
        String id = Await.unique();
        String path = "/inputs/matrix/" + id;
        UnaryOperator<RequestSpecification> raw = r -> r.urlEncodingEnabled(false);
        String attack = raw.apply(given()).get(path + ";color=red").asString();
        assertThat(read(attack)).isEqualTo("color=red");
        awaitHit(path + ";color=red", raw, attack);
        assertThat(read(raw.apply(given()).get(path).asString())).isEqualTo("color=null");
        assertThat(read(raw.apply(given()).get(path + ";color=blue").asString())).isEqualTo("color=blue");

        String restPath = "/inputs/rest-matrix/" + id;
        String big = raw.apply(given()).get(restPath + ";size=big").asString();
        awaitHit(restPath + ";size=big", raw, big);
        assertThat(read(raw.apply(given()).get(restPath + ";size=small").asString())).isEqualTo("size=small");
    }

    @Test
    void aDeclaredHeaderSplitsTheEntriesAndIsAnnounced() {
        String path = "/inputs/language/" + Await.unique();
        Response english = attackThenVictim(path, r -> r.header("Accept-Language", "fr"),
                r -> r.header("Accept-Language", "en"), "language=en");
        assertThat(english.header("Vary")).isEqualTo("Accept-Language");
        awaitHit(path, r -> r.header("Accept-Language", "en"), english.asString());
        assertThat(read(given().get(path).asString())).isEqualTo("language=null");
    }

    @Test
    void aRestHeaderIsNamedAsQuarkusRestNamesIt() {
        String path = "/inputs/tenant/" + Await.unique();
        Response victim = attackThenVictim(path, r -> r.header("X-Tenant", "evil"), r -> r.header("X-Tenant", "acme"),
                "tenant=acme");
        assertThat(victim.header("Vary")).isEqualTo("X-Tenant");
    }

    @Test
    void aDeclaredCookieSplitsTheEntriesWhichArePrivate() {
        String path = "/inputs/session/" + Await.unique();
        Response victim = attackThenVictim(path, r -> r.cookie("session", "attacker"), r -> r.cookie("session", "victim"),
                "session=victim");
        assertThat(victim.header("Cache-Control")).startsWith("private");
        awaitHit(path, r -> r.cookie("session", "victim"), victim.asString());

        String restPath = "/inputs/rest-cookie/" + Await.unique();
        attackThenVictim(restPath, r -> r.cookie("theme", "dark"), r -> r.cookie("theme", "light"), "theme=light");
    }

    @Test
    void queryParametersAreKeyedAsTheEndpointResolvesThem() {
        String id = Await.unique();
        String path = "/inputs/query/" + id;
        // names that differ in case only, in both orders: the key follows what the endpoint is given
        String first = given().urlEncodingEnabled(false).get(path + "?A=11&a=22").asString();
        awaitHit(path + "?A=11&a=22", r -> r.urlEncodingEnabled(false), first);
        String second = given().urlEncodingEnabled(false).get(path + "?a=22&A=11").asString();
        assertThat(read(second)).isEqualTo(
                given().urlEncodingEnabled(false).get("/inputs/query-uncached/" + id + "?a=22&A=11").asString());
        assertThat(read(first)).isEqualTo(
                given().urlEncodingEnabled(false).get("/inputs/query-uncached/" + id + "?A=11&a=22").asString());
        // Quarkus REST matches query parameter names case-insensitively, first match first: the two orders differ
        assertThat(read(first)).startsWith("a=11 ");
        assertThat(read(second)).startsWith("a=22 ");

        // the values of a repeated parameter, in their order
        String ab = given().urlEncodingEnabled(false).get(path + "?tag=a&tag=b").asString();
        awaitHit(path + "?tag=a&tag=b", r -> r.urlEncodingEnabled(false), ab);
        assertThat(read(given().urlEncodingEnabled(false).get(path + "?tag=b&tag=a").asString()))
                .isEqualTo("a=null tag=[b, a] page=1");
    }

    /** Two requests whose repeated parameter starts alike: every value takes part in the key, not the first only. */
    @Test
    void everyValueOfARepeatedParameterTakesPartInTheKey() {
        String path = "/inputs/query/" + Await.unique();
        attackThenVictim(path, r -> r.queryParam("tag", "a", "b"), r -> r.queryParam("tag", "a", "c"),
                "a=null tag=[a, c] page=1");
        attackThenVictim(path, r -> r.queryParam("tag", "x"), r -> r.queryParam("tag", "x", "y"),
                "a=null tag=[x, y] page=1");
    }

    @Test
    void undeclaredQueryParametersShareOneEntry() {
        String path = "/inputs/query/" + Await.unique();
        String first = given().queryParam("a", "1").queryParam("utm_source", "mail").get(path).asString();
        awaitHit(path + "?a=1&utm_source=mail", r -> r.urlEncodingEnabled(false), first);
        for (String busting : new String[] { "?a=1&utm_source=web", "?a=1&bust=" + Await.unique(),
                "?fbclid=x&a=1" }) {
            Response response = given().urlEncodingEnabled(false).get(path + busting);
            assertThat(response.header("X-Cache")).as(busting).isEqualTo("HIT");
            assertThat(response.asString()).as(busting).isEqualTo(first);
        }
        assertThat(given().queryParam("a", "2").get(path).header("X-Cache")).isEqualTo("MISS");
    }

    @Test
    void anAbsentParameterAndItsDefaultShareOneEntry() {
        String path = "/inputs/query/" + Await.unique();
        String first = given().get(path).asString();
        awaitHit(path, r -> r, first);
        Response withDefault = given().queryParam("page", "1").get(path);
        assertThat(withDefault.header("X-Cache")).isEqualTo("HIT");
        assertThat(read(given().queryParam("page", "2").get(path).asString())).isEqualTo("a=null tag=[] page=2");
    }

    @Test
    void beanParamFieldsTakePartInTheKey() {
        String path = "/inputs/bean/" + Await.unique();
        attackThenVictim(path, r -> r.header("X-Tenant", "evil").queryParam("page", "1"),
                r -> r.header("X-Tenant", "acme").queryParam("page", "1"), "tenant=acme page=1");
        Response otherPage = given().header("X-Tenant", "acme").queryParam("page", "2").get(path);
        assertThat(read(otherPage.asString())).isEqualTo("tenant=acme page=2");
        assertThat(otherPage.header("Vary")).isEqualTo("X-Tenant");
    }

    @Test
    void aRecordParameterContainerTakesPartInTheKey() {
        String path = "/inputs/record/" + Await.unique();
        attackThenVictim(path, r -> r.queryParam("color", "red"), r -> r.queryParam("color", "blue"), "color=blue");
    }

    @Test
    void theEndpointsOwnVaryIsHonoured() {
        String path = "/inputs/device/" + Await.unique();
        Response desktop = attackThenVictim(path, r -> r.header("X-Device", "mobile"),
                r -> r.header("X-Device", "desktop"), "device=desktop");
        assertThat(desktop.header("Vary")).contains("X-Device");
        awaitHit(path, r -> r.header("X-Device", "desktop"), desktop.asString());
        assertThat(read(given().get(path).asString())).isEqualTo("device=null");
    }

    @Test
    void varyStarIsNeverStored() {
        String path = "/inputs/star/" + Await.unique();
        for (int i = 0; i < 3; i++) {
            Response response = given().get(path);
            assertThat(response.header("X-Cache")).isEqualTo("MISS");
            assertThat(response.header("Vary")).isEqualTo("*");
        }
    }

    @Test
    void methodsSplitByProducesAnnounceTheNegotiation() {
        String path = "/inputs/report/" + Await.unique();
        Response json = given().accept("application/json").get(path);
        Response text = given().accept("text/plain").get(path);
        assertThat(json.asString()).startsWith("{");
        assertThat(text.asString()).startsWith("report ");
        assertThat(json.header("Vary")).isEqualTo("Accept");
        assertThat(text.header("Vary")).isEqualTo("Accept");
    }

    @Test
    void eachEndpointsRecipeIsRecorded() {
        assertThat(recipe("uri")).contains("scheme and host", "whole query string", "conservative", "UriInfo");
        assertThat(recipe("matrix")).contains("path with matrix parameters").doesNotContain("conservative");
        assertThat(recipe("query")).contains("query [a, tag, page=1]").doesNotContain("whole query");
        assertThat(recipe("language")).contains("headers [Accept-Language]");
        assertThat(recipe("tenant")).contains("headers [X-Tenant]");
        assertThat(recipe("session")).contains("cookies [session] (private)");
        assertThat(recipe("bean")).contains("query [page]", "headers [X-Tenant]");
        assertThat(recipe("record")).contains("query [color]");
        assertThat(recipe("reportJson")).contains("negotiated media type");
    }

    private String recipe(String method) {
        return endpoints.policy(InputsResource.class.getName() + "#" + method).endpoint().describeKey();
    }
}
