package io.quarkiverse.responsecache.test.invalidation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.ResponseCacheInvalidate;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.UnproducibleNamespaceException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.UnproducibleTagException;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;

/** In an application that caches nothing, every tag and namespace an eviction names is reported, even the default. */
class UncachedApplicationInvalidateTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("uncached-invalidate")
            .withApplicationRoot(root -> root.addClasses(Orders.class))
            .assertException(failure -> {
                assertThat(failure).isInstanceOf(DeploymentException.class);
                List<Throwable> misuses = LocalRedisUnitTest.reportedErrors(failure);
                assertThat(misuses).hasSize(2);
                assertThat(misuses).filteredOn(UnproducibleTagException.class::isInstance).singleElement()
                        .extracting(Throwable::getMessage).asString()
                        .contains("'order:{id}'", "'update'", "No cached endpoint has tags.", "Fix:");
                assertThat(misuses).filteredOn(UnproducibleNamespaceException.class::isInstance).singleElement()
                        .extracting(Throwable::getMessage).asString()
                        .contains("namespace ''", "'update'", "No cached endpoint is in the application.", "Fix:",
                                "@ResponseCache without a namespace");
            });

    @Path("/orders")
    public static class Orders {

        @PUT
        @Path("/{id}")
        @ResponseCacheInvalidate(tags = "order:{id}", namespaces = "")
        public void update(@PathParam("id") String id) {
        }
    }

    @Test
    void buildFails() {
        throw new AssertionError("the build should have failed");
    }
}
