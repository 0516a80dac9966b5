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
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.SubResourceMethodException;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;

/** {@code @ResponseCache} on a sub-resource's method fails the build, naming the method, its locator and the fix. */
class SubResourceMisuseTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("sub-resource-misuse")
            .withApplicationRoot(root -> root.addClasses(Shop.class, Item.class))
            .assertException(failure -> {
                assertThat(failure).isInstanceOf(DeploymentException.class);
                List<Throwable> misuses = LocalRedisUnitTest.reportedErrors(failure);
                assertThat(misuses).singleElement().isInstanceOf(SubResourceMethodException.class)
                        .extracting(Throwable::getMessage).asString()
                        .contains("'details'", Item.class.getName(), "locator", "'item'", Shop.class.getName(),
                                "Fix:");
            });

    @Test
    void theBuildFails() {
        // the assertion is the extension's
    }

    @Path("/shop")
    public static class Shop {

        @Path("/items/{id}")
        public Item item(@PathParam("id") String id) {
            return new Item(id);
        }
    }

    public static class Item {
        private final String id;

        public Item(String id) {
            this.id = id;
        }

        @GET
        @ResponseCache(expire = 60)
        public String details() {
            return "item " + id;
        }
    }
}
