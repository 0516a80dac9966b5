package io.quarkiverse.responsecache.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.ResponseCache;

/**
 * The path the Dev UI lists for each endpoint is the one the build resolved for its serving method: overloads each
 * have theirs, and a class's path declared by the interface it implements counts.
 */
class CachedEndpointRoutesTest {

    @Test
    void eachServingMethodHasItsOwnPath() throws IOException {
        Index index = Index.of(Overloads.class, Declared.class, Implementation.class, ResponseCache.class);
        List<ClassInfo> resources = List.of(index.getClassByName(Overloads.class),
                index.getClassByName(Declared.class));

        CachedEndpointsBuildItem endpoints = CachedEndpointResolver.resolve(index, resources,
                Set.of(DotName.createSimple(GET.class)), 32);

        assertThat(endpoints.misuses()).isEmpty();
        Map<String, String> paths = endpoints.routes().stream().collect(Collectors.toMap(
                route -> route.endpoint().name(), CachedEndpointsBuildItem.Route::path));
        assertThat(paths).containsExactlyInAnyOrderEntriesOf(Map.of(
                "by-id", "/overloads/{id}",
                "by-query", "/overloads/search",
                "CachedEndpointRoutesTest$Implementation.item", "/declared/items/{id}"));
    }

    @Path("overloads/")
    public static class Overloads {
        @GET
        @Path("search")
        @ResponseCache(name = "by-query")
        public String find(@QueryParam("q") String query) {
            return query;
        }

        @GET
        @Path("/{id}")
        @ResponseCache(name = "by-id")
        public String find(@PathParam("id") int id) {
            return Integer.toString(id);
        }
    }

    @Path("/declared")
    public interface Declared {
        @GET
        @Path("items/{id}")
        @ResponseCache
        String item(@PathParam("id") int id);
    }

    public static class Implementation implements Declared {
        @Override
        public String item(int id) {
            return Integer.toString(id);
        }
    }
}
