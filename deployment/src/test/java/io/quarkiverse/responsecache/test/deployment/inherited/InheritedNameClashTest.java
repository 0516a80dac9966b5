package io.quarkiverse.responsecache.test.deployment.inherited;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.DuplicateEndpointNameException;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A {@code name} on a method that two resources inherit names two endpoints alike: the build fails and says which
 * two.
 */
class InheritedNameClashTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("inherited-clash")
            .withApplicationRoot(root -> root.addClasses(NamedBase.class, FirstResource.class, SecondResource.class))
            .assertException(failure -> {
                assertThat(failure).isInstanceOf(DeploymentException.class);
                assertThat(LocalRedisUnitTest.reportedErrors(failure)).singleElement()
                        .isInstanceOf(DuplicateEndpointNameException.class)
                        .extracting(Throwable::getMessage).asString()
                        .contains("'x'", "'list'", FirstResource.class.getName(), SecondResource.class.getName());
            });

    public abstract static class NamedBase {
        @GET
        @ResponseCache(name = "x")
        public String list() {
            return "list";
        }
    }

    @Path("/first")
    public static class FirstResource extends NamedBase {
    }

    @Path("/second")
    public static class SecondResource extends NamedBase {
    }

    @Test
    void buildFails() {
        throw new AssertionError("the build should have failed");
    }
}
