package io.quarkiverse.responsecache.test.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/** {@code request-cache-control=ignore}: clients cannot force the endpoint to run. */
class RequestDirectivesIgnoredTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("directives-ignored-test")
            .overrideConfigKey("quarkus.response-cache.request-cache-control", "ignore")
            .withApplicationRoot(root -> root.addClasses(CountingResource.class, Await.class));

    @Test
    void noCacheAndNoStoreAreAnsweredFromTheCache() {
        String id = Await.unique();
        String first = given().get("/counting/" + id).asString();
        Await.cachedBody("/counting/" + id, first);
        for (String directive : new String[] { "no-cache", "no-store", "max-age=0" }) {
            Response response = given().header("Cache-Control", directive).get("/counting/" + id);
            assertThat(response.header("X-Cache")).as(directive).isEqualTo("HIT");
            assertThat(response.asString()).as(directive).isEqualTo(first);
        }
    }
}
