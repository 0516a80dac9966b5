package io.quarkiverse.responsecache.test.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.NegativeExpireException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.NonGetMethodTargetException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.StreamingMethodTargetException;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Multi;

/**
 * Every misuse of {@code @ResponseCache} in an application is reported by one failed build, each naming the class,
 * the method and the fix.
 */
class MisuseReportTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("misuse")
            .withApplicationRoot(root -> root.addClasses(MisusedResource.class))
            .assertException(failure -> {
                assertThat(failure).isInstanceOf(DeploymentException.class);
                List<Throwable> misuses = LocalRedisUnitTest.reportedErrors(failure);
                assertThat(misuses).hasSize(4).allMatch(ResponseCacheDefinitionException.class::isInstance);
                assertThat(misuses).filteredOn(NonGetMethodTargetException.class::isInstance).singleElement()
                        .extracting(Throwable::getMessage).asString()
                        .contains("'create'", MisusedResource.class.getName())
                        // the fix on a line of its own, so the dev-mode error page, which does not wrap, shows it
                        .contains(".\nFix: remove @ResponseCache from it");
                assertThat(misuses).filteredOn(NegativeExpireException.class::isInstance).singleElement()
                        .extracting(Throwable::getMessage).asString()
                        .contains("expire = -5", "'negative'", MisusedResource.class.getName(), "Fix:");
                assertThat(misuses).filteredOn(StreamingMethodTargetException.class::isInstance)
                        .extracting(Throwable::getMessage)
                        .anySatisfy(m -> assertThat(m).contains("'events'", "text/event-stream", "Fix:"))
                        .anySatisfy(m -> assertThat(m).contains("'ticks'", "Multi", "Fix:"));
            });

    @Path("/misused")
    public static class MisusedResource {

        @POST
        @ResponseCache
        public String create() {
            return "created";
        }

        @GET
        @Path("/negative")
        @ResponseCache(expire = -5)
        public String negative() {
            return "negative";
        }

        @GET
        @Path("/events")
        @Produces(MediaType.SERVER_SENT_EVENTS)
        @ResponseCache
        public String events() {
            return "event";
        }

        @GET
        @Path("/ticks")
        @ResponseCache
        public Multi<String> ticks() {
            return Multi.createFrom().items("a", "b");
        }
    }

    @Test
    void buildFails() {
        // the assertions are in assertException above; reaching this method means the build did not fail
        throw new AssertionError("the build should have failed");
    }
}
