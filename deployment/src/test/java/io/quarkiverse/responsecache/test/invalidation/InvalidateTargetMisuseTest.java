package io.quarkiverse.responsecache.test.invalidation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkiverse.responsecache.ResponseCacheInvalidate;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.InvalidateNothingException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.UnproducibleNamespaceException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.UnproducibleTagException;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Evictions that can never evict anything fail one build together: a bare annotation, a mistyped tag, a mistyped
 * namespace, and an entity tag in an application without Hibernate ORM. Those that match a cached endpoint pass.
 */
class InvalidateTargetMisuseTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("invalidate-target-misuse")
            .withApplicationRoot(root -> root.addClasses(Products.class))
            .assertException(failure -> {
                assertThat(failure).isInstanceOf(DeploymentException.class);
                List<Throwable> misuses = LocalRedisUnitTest.reportedErrors(failure);
                assertThat(misuses).as("one build reports them all, and nothing about the valid evictions")
                        .hasSize(4);
                assertThat(misuses).filteredOn(InvalidateNothingException.class::isInstance).singleElement()
                        .extracting(Throwable::getMessage).asString()
                        .contains("'touch'", Products.class.getName(), "evicts nothing", "Fix:",
                                "tags = \"product:{id}\"", "namespaces = ", "all = true");
                assertThat(misuses).filteredOn(UnproducibleTagException.class::isInstance)
                        .extracting(Throwable::getMessage)
                        .anySatisfy(m -> assertThat(m).contains("'prodcut:{id}'", "'update'",
                                Products.class.getName(), "'product:{id}'", "closest first", "Fix:")
                                .doesNotContain("Hibernate"))
                        .anySatisfy(m -> assertThat(m).contains("'entity:Product#{id}'", "'refresh'",
                                "Hibernate ORM", "Fix:"))
                        .hasSize(2);
                assertThat(misuses).filteredOn(UnproducibleNamespaceException.class::isInstance).singleElement()
                        .extracting(Throwable::getMessage).asString()
                        .contains("'prodcuts'", "'clear'", Products.class.getName(), "'products'", "Fix:");
            });

    @Path("/products")
    public static class Products {

        @GET
        @Path("/{id}")
        @ResponseCache(namespace = "products", tags = "product:{id}")
        public String byId(@PathParam("id") String id) {
            return id;
        }

        @GET
        @Path("/{id}/reviews")
        @ResponseCache(tags = { "product:{id}:reviews", "reviews" })
        public String reviews(@PathParam("id") String id) {
            return id;
        }

        @POST
        @Path("/{id}/touch")
        @ResponseCacheInvalidate
        public void touch(@PathParam("id") String id) {
        }

        @PUT
        @Path("/{id}")
        @ResponseCacheInvalidate(tags = "prodcut:{id}")
        public void update(@PathParam("id") String id) {
        }

        @DELETE
        @ResponseCacheInvalidate(namespaces = "prodcuts")
        public void clear() {
        }

        @POST
        @Path("/{id}/refresh")
        @ResponseCacheInvalidate(tags = "entity:Product#{id}")
        public void refresh(@PathParam("id") String id) {
        }

        /** Valid: another parameter name, a rendered literal, the default namespace and everything. */
        @PATCH
        @Path("/{sku}")
        @ResponseCacheInvalidate(tags = { "product:{sku}", "product:{sku}:reviews", "reviews", "product:7" }, namespaces = {
                "products", "" })
        public void patch(@PathParam("sku") String sku) {
        }

        @POST
        @Path("/restock")
        @ResponseCacheInvalidate(all = true)
        public void restock() {
        }
    }

    @Test
    void buildFails() {
        throw new AssertionError("the build should have failed");
    }
}
