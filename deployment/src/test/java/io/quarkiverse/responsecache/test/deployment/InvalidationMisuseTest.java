package io.quarkiverse.responsecache.test.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkiverse.responsecache.ResponseCacheInvalidate;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.CacheAndInvalidateException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.DuplicateEndpointNameException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.UnknownTagParameterException;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;

/** Tags naming missing path parameters, two endpoints with one name, eviction from a cached method: one report. */
class InvalidationMisuseTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("invalidation-misuse")
            .withApplicationRoot(root -> root.addClasses(MisusedCatalog.class))
            .assertException(failure -> {
                assertThat(failure).isInstanceOf(DeploymentException.class);
                List<Throwable> misuses = LocalRedisUnitTest.reportedErrors(failure);
                assertThat(misuses).hasSize(4);
                assertThat(misuses).filteredOn(UnknownTagParameterException.class::isInstance)
                        .extracting(Throwable::getMessage)
                        .anySatisfy(m -> assertThat(m).contains("'product:{productId}'", "'byId'", "{id}", "Fix:"))
                        .anySatisfy(m -> assertThat(m).contains("@ResponseCacheInvalidate", "'update'", "{sku}"));
                assertThat(misuses).filteredOn(DuplicateEndpointNameException.class::isInstance).singleElement()
                        .extracting(Throwable::getMessage).asString()
                        .contains("'catalog'", "'first'", "'second'", "name = ");
                assertThat(misuses).filteredOn(CacheAndInvalidateException.class::isInstance).singleElement()
                        .extracting(Throwable::getMessage).asString().contains("'evictingRead'", "Fix:");
            });

    @Path("/misused-catalog")
    public static class MisusedCatalog {

        @GET
        @Path("/{id}")
        @ResponseCache(tags = "product:{productId}")
        public String byId(@PathParam("id") String id) {
            return id;
        }

        @PUT
        @Path("/{id}")
        @ResponseCacheInvalidate(tags = "product:{sku}")
        public void update(@PathParam("id") String id) {
        }

        @GET
        @Path("/first")
        @ResponseCache(name = "catalog", tags = "catalog")
        public String first() {
            return "first";
        }

        @GET
        @Path("/second")
        @ResponseCache(name = "catalog")
        public String second() {
            return "second";
        }

        @GET
        @Path("/evicting")
        @ResponseCache
        @ResponseCacheInvalidate(tags = "catalog")
        public String evictingRead() {
            return "read";
        }
    }

    @Test
    void buildFails() {
        throw new AssertionError("the build should have failed");
    }
}
