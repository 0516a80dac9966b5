package io.quarkiverse.responsecache.test.deployment.inherited;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * Endpoints the build finds through inheritance: a cached method of an abstract class is one endpoint per concrete
 * subclass, named after the subclass and configured on its own; a cached method of a {@code @Path} interface is
 * cached in the class that implements it. Every per-endpoint setting names an endpoint, so none is warned about.
 */
class InheritedEndpointsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("inherited-test")
            .overrideConfigKey("quarkus.response-cache.endpoint.\"EnglishGreetingResource.greet\".expire", "10s")
            .overrideConfigKey("quarkus.response-cache.endpoint.\"FrenchGreetingResource.greet\".expire", "20s")
            .overrideConfigKey("quarkus.response-cache.endpoint.\"CatalogApiResource.item\".expire", "30s")
            .withApplicationRoot(root -> root.addClasses(GreetingResource.class, EnglishGreetingResource.class,
                    FrenchGreetingResource.class, CatalogApi.class, CatalogApiResource.class, Await.class))
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.quarkiverse.responsecache"))
            .assertLogRecords(records -> assertThat(records).extracting(record -> record.getMessage())
                    .noneMatch(message -> message.contains("names no cached endpoint")));

    @Test
    void eachSubclassServesItsOwnCachedEndpointWithItsOwnSettings() {
        String id = Await.unique();
        Response english = given().get("/english/" + id);
        Response french = given().get("/french/" + id);
        assertThat(english.asString()).startsWith("hello-" + id);
        assertThat(french.asString()).startsWith("bonjour-" + id);
        assertThat(english.header("X-Cache")).isEqualTo("MISS");
        assertThat(french.header("X-Cache")).isEqualTo("MISS");
        assertThat(english.header("Cache-Control")).as("EnglishGreetingResource.greet").isEqualTo("max-age=10");
        assertThat(french.header("Cache-Control")).as("FrenchGreetingResource.greet").isEqualTo("max-age=20");

        Await.cachedBody("/english/" + id, english.asString());
        Await.cachedBody("/french/" + id, french.asString());
    }

    @Test
    void aMethodDeclaredByAPathInterfaceIsCachedInItsImplementation() {
        String path = "/catalog-api/" + Await.unique();
        Response miss = given().get(path);
        assertThat(miss.asString()).startsWith("item-");
        assertThat(miss.header("X-Cache")).isEqualTo("MISS");
        assertThat(miss.header("Cache-Control")).as("CatalogApiResource.item").isEqualTo("max-age=30");
        Await.cachedBody(path, miss.asString());
    }
}
