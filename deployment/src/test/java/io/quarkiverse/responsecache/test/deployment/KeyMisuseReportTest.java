package io.quarkiverse.responsecache.test.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.DeclaredVaryHeaderException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.RequestBodyReadException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.UnreadableQueryParameterException;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The explicit {@code queryParameters} and {@code varyHeaders} may only add to the key what the endpoint can read and
 * the key does not already hold, and a cached GET may not read a body: each misuse is reported by one failed build
 * that names the class, the method and the fix.
 */
class KeyMisuseReportTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("key-misuse")
            .withApplicationRoot(root -> root.addClasses(KeyMisusedResource.class))
            .assertException(failure -> {
                assertThat(failure).isInstanceOf(DeploymentException.class);
                List<Throwable> misuses = LocalRedisUnitTest.reportedErrors(failure);
                assertThat(misuses).hasSize(4);
                assertThat(misuses).filteredOn(UnreadableQueryParameterException.class::isInstance).singleElement()
                        .extracting(Throwable::getMessage).asString()
                        .contains("'pages'", "'unreadable'", KeyMisusedResource.class.getName(), "[page]", "Fix:");
                assertThat(misuses).filteredOn(DeclaredVaryHeaderException.class::isInstance).singleElement()
                        .extracting(Throwable::getMessage).asString()
                        .contains("'accept-language'", "'declared'", "@HeaderParam(\"Accept-Language\")", "Fix:");
                assertThat(misuses).filteredOn(RequestBodyReadException.class::isInstance)
                        .extracting(Throwable::getMessage)
                        .anySatisfy(m -> assertThat(m).contains("'form'", "form parameter", "Fix:"))
                        .anySatisfy(m -> assertThat(m).contains("'body'", "request body", "Fix:"));
            });

    @Path("/key-misused")
    public static class KeyMisusedResource {

        @GET
        @Path("/unreadable")
        @ResponseCache(queryParameters = "pages")
        public String unreadable(@QueryParam("page") int page) {
            return "page " + page;
        }

        /** Reads the URI, so it can read any query parameter: naming one is fine. */
        @GET
        @Path("/uri")
        @ResponseCache(queryParameters = "anything")
        public String uri(@Context UriInfo uri) {
            return uri.getQueryParameters().getFirst("anything");
        }

        @GET
        @Path("/declared")
        @ResponseCache(varyHeaders = "accept-language")
        public String declared(@HeaderParam("Accept-Language") String language) {
            return language;
        }

        @GET
        @Path("/form")
        @ResponseCache
        public String form(@FormParam("name") String name) {
            return name;
        }

        @GET
        @Path("/body")
        @ResponseCache
        public String body(String body) {
            return body;
        }
    }

    @Test
    void buildFails() {
        throw new AssertionError("the build should have failed");
    }
}
