package io.quarkiverse.responsecache.test.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.TooManyTagsException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.UnknownTagParameterException;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;

/**
 * More tags on one {@code @ResponseCache} than {@code quarkus.response-cache.max-tags} (lowered to 3 here) fails the
 * build like any other misuse, reported with the others at once, naming the class, the method and the fix. Three
 * tags, the limit itself, build; duplicates count once.
 */
class TagLimitMisuseTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("tag-limit-misuse")
            .overrideConfigKey("quarkus.response-cache.max-tags", "3")
            .withApplicationRoot(root -> root.addClasses(OverTaggedResource.class))
            .assertException(failure -> {
                assertThat(failure).isInstanceOf(DeploymentException.class);
                List<Throwable> misuses = LocalRedisUnitTest.reportedErrors(failure);
                assertThat(misuses).hasSize(2).allMatch(ResponseCacheDefinitionException.class::isInstance);
                assertThat(misuses).filteredOn(TooManyTagsException.class::isInstance).singleElement()
                        .extracting(Throwable::getMessage).asString()
                        .contains("'overTagged'", OverTaggedResource.class.getName(), "names 4 tags",
                                "quarkus.response-cache.max-tags", "Fix:");
                assertThat(misuses).filteredOn(UnknownTagParameterException.class::isInstance).hasSize(1);
            });

    @Path("/over-tagged")
    public static class OverTaggedResource {

        @GET
        @Path("/{id}")
        @ResponseCache(tags = { "a:{id}", "b:{id}", "c:{id}", "d:{id}" })
        public String overTagged(@PathParam("id") String id) {
            return id;
        }

        @GET
        @Path("/at-limit/{id}")
        @ResponseCache(tags = { "a:{id}", "b:{id}", "c:{id}", "c:{id}" })
        public String atTheLimit(@PathParam("id") String id) {
            return id;
        }

        @GET
        @Path("/unknown")
        @ResponseCache(tags = "x:{nope}")
        public String unknownParameter() {
            return "x";
        }
    }

    @Test
    void theBuildFails() {
        // the assertion is in assertException
    }
}
