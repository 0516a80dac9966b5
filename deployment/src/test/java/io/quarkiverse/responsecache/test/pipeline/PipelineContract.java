package io.quarkiverse.responsecache.test.pipeline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * A hit is the same request as a miss, minus the method call: in an application with request filters, a caller set
 * by a filter, response filters, CORS, a configured header and Quarkus Security, whatever store answers the hit.
 * Each test first makes sure the entry is cached (a hit for the caller who may have it), then asks as another caller.
 */
abstract class PipelineContract {

    static QuarkusUnitTest configure(QuarkusUnitTest app) {
        return app.overrideConfigKey("quarkus.http.cors.enabled", "true")
                .overrideConfigKey("quarkus.http.cors.origins", "https://a.example,https://b.example")
                .overrideConfigKey("quarkus.http.header.\"X-Frame-Options\".value", "DENY")
                .withApplicationRoot(root -> root.addClasses(PipelineResource.class, PipelineFilters.class,
                        Audited.class, AuditFilter.class, HeaderAuthenticationMechanism.class, PipelineContract.class,
                        Await.class));
    }

    /** @return the response of the request once it is a hit, so the entry is cached */
    private static Response awaitHit(String path, String header, String value) {
        Response[] last = new Response[1];
        Await.awaiting("a hit on " + path).until(() -> {
            last[0] = given().header(header, value).get(path);
            return "HIT".equals(last[0].header("X-Cache"));
        });
        return last[0];
    }

    @Test
    void anApiKeyCheckInARequestFilterRefusesACallerWithoutTheKeyAfterTheEntryIsCached() {
        String path = "/pipeline/protected/" + Await.unique();
        Response hit = awaitHit(path, "X-Api-Key", PipelineFilters.API_KEY);
        assertThat(hit.asString()).startsWith("protected");

        Response withoutKey = given().get(path);
        assertThat(withoutKey.statusCode()).isEqualTo(401);
        assertThat(withoutKey.asString()).isEqualTo("no key");
        Response wrongKey = given().header("X-Api-Key", "guess").get(path);
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(wrongKey.asString()).doesNotContain("protected");
        // and a conditional request without the key learns nothing either
        assertThat(given().header("If-None-Match", hit.header("ETag")).get(path).statusCode()).isEqualTo(401);
    }

    @Test
    void aNameBoundRequestFilterSeesEveryHit() {
        String path = "/pipeline/audited/" + Await.unique();
        awaitHit(path, "Accept", "*/*");
        int seen = AuditFilter.SEEN.size();
        Response hit = given().get(path);
        assertThat(hit.header("X-Cache")).isEqualTo("HIT");
        assertThat(AuditFilter.SEEN.size()).isEqualTo(seen + 1);
        assertThat(AuditFilter.SEEN.get(AuditFilter.SEEN.size() - 1)).isEqualTo(path);
    }

    @Test
    void aCallerSetByAFilterNeverGetsAnotherCallersPage() {
        String path = "/pipeline/me/" + Await.unique();
        Response alice = given().header("X-User", "alice").get(path);
        assertThat(alice.asString()).startsWith("page of alice");
        assertThat(alice.header("Cache-Status")).contains("detail=credentials");
        given().header("X-User", "alice").get(path);

        Response bob = given().header("X-User", "bob").get(path);
        assertThat(bob.asString()).startsWith("page of bob");
        Response anonymous = awaitHit(path, "Accept", "*/*");
        assertThat(anonymous.asString()).startsWith("page of anonymous");
        // the anonymous page is cached now: a caller still gets a page of its own
        assertThat(given().header("X-User", "alice").get(path).asString()).startsWith("page of alice");
    }

    @Test
    void aResponseFilterLabelsEachCallersResponse() {
        String path = "/pipeline/greeting/" + Await.unique();
        Response evil = awaitHit(path, "Accept-Language", "xx-EVIL");
        assertThat(evil.asString()).endsWith(" [xx-EVIL]");
        assertThat(evil.asString()).doesNotContain("] [");

        Response german = given().header("Accept-Language", "de").get(path);
        assertThat(german.header("X-Cache")).isEqualTo("HIT");
        assertThat(german.asString()).isEqualTo(evil.asString().replace("[xx-EVIL]", "[de]"));
        assertThat(german.headers().getValues("Content-Language")).containsExactly("de");
        // the filter made the body its own: the cache answers no 304 for a body it did not store
        Response conditional = given().header("Accept-Language", "fr").header("If-None-Match", german.header("ETag"))
                .get(path);
        assertThat(conditional.statusCode()).isEqualTo(200);
        assertThat(conditional.asString()).endsWith(" [fr]");
    }

    @Test
    void corsGivesEachOriginExactlyItsOwnGrantOnAHit() {
        String path = "/pipeline/plain/" + Await.unique();
        Response a = awaitHit(path, "Origin", "https://a.example");
        assertThat(a.headers().getValues("Access-Control-Allow-Origin")).containsExactly("https://a.example");

        Response b = given().header("Origin", "https://b.example").get(path);
        assertThat(b.header("X-Cache")).isEqualTo("HIT");
        assertThat(b.headers().getValues("Access-Control-Allow-Origin")).containsExactly("https://b.example");
        Response none = given().get(path);
        assertThat(none.header("X-Cache")).isEqualTo("HIT");
        assertThat(none.headers().getValues("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void aConfiguredHeaderAppearsOnceOnAHit() {
        String path = "/pipeline/plain/" + Await.unique();
        Response hit = awaitHit(path, "Accept", "*/*");
        assertThat(hit.headers().getValues("X-Frame-Options")).containsExactly("DENY");
        assertThat(hit.headers().getValues("Content-Type")).hasSize(1);
        assertThat(hit.headers().getValues("ETag")).hasSize(1);
        assertThat(hit.headers().getValues("Cache-Control")).hasSize(1);
        // a conditional request revalidates against the entity tag of the stored body, and its 304 is filtered too
        Response notModified = given().header("If-None-Match", hit.header("ETag")).get(path);
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.headers().getValues("X-Frame-Options")).containsExactly("DENY");
    }

    @Test
    void rolesAllowedKeepsRefusingCallersWithoutTheRoleOnceAnAdminsPageIsCached() {
        String path = "/pipeline/admin/" + Await.unique();
        Response admin = awaitHit(path, "X-Auth", "alice:admin");
        assertThat(admin.asString()).startsWith("admin page of alice");

        assertThat(given().header("X-Auth", "bob:user").get(path).statusCode()).isEqualTo(403);
        assertThat(given().get(path).statusCode()).isEqualTo(401);
        Response carol = given().header("X-Auth", "carol:admin").get(path);
        assertThat(carol.statusCode()).isEqualTo(200);
        assertThat(carol.asString()).startsWith("admin page of carol");
    }

    @Test
    void anAuthenticatedCallerBypassesAnEndpointNotKeyedByCaller() {
        String path = "/pipeline/shared-admin/" + Await.unique();
        Response first = given().header("X-Auth", "alice:admin").get(path);
        Response second = given().header("X-Auth", "alice:admin").get(path);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.header("X-Cache")).isEqualTo("BYPASS");
        assertThat(second.asString()).isNotEqualTo(first.asString());
        assertThat(given().get(path).statusCode()).isEqualTo(401);
    }
}
