package io.quarkiverse.responsecache.test.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.StreamingOutput;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.StreamingMethodTargetException;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;

/** A class-level annotation may not silently skip a streaming GET method: the build says which one and what to do. */
class ClassLevelStreamingTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("class-streaming")
            .withApplicationRoot(root -> root.addClasses(StreamingResource.class))
            .assertException(failure -> {
                assertThat(failure).isInstanceOf(DeploymentException.class);
                assertThat(LocalRedisUnitTest.reportedErrors(failure)).singleElement()
                        .isInstanceOf(StreamingMethodTargetException.class)
                        .extracting(Throwable::getMessage).asString()
                        .contains("'download'", StreamingResource.class.getName(), "StreamingOutput",
                                "move @ResponseCache from the class");
            });

    @Path("/streaming")
    @ResponseCache(expire = 30)
    public static class StreamingResource {

        @GET
        @Path("/text")
        public String text() {
            return "text";
        }

        @GET
        @Path("/download")
        public StreamingOutput download() {
            return out -> out.write(1);
        }
    }

    @Test
    void buildFails() {
        throw new AssertionError("the build should have failed");
    }
}
