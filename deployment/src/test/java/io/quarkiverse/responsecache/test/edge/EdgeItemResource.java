package io.quarkiverse.responsecache.test.edge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkiverse.responsecache.ResponseCacheInvalidate;

/** Items whose page is cached and tagged by item, and two ways to change one: a write that evicts it, and one that does not. */
@Path("/edge-items")
public class EdgeItemResource {

    static final Map<String, String> VERSIONS = new ConcurrentHashMap<>();

    @GET
    @Path("/{id}")
    @ResponseCache(expire = 600, namespace = "edge-items", tags = "item:{id}")
    public String item(@PathParam("id") String id) {
        return "item " + id + " " + VERSIONS.getOrDefault(id, "v0");
    }

    @PUT
    @Path("/{id}")
    @ResponseCacheInvalidate(tags = "item:{id}")
    public void update(@PathParam("id") String id, String version) {
        VERSIONS.put(id, version);
    }

    /** Changes an item and evicts nothing: only a purge by hand shows the change before the entry expires. */
    @POST
    @Path("/{id}/unannounced")
    public void updateUnannounced(@PathParam("id") String id, String version) {
        VERSIONS.put(id, version);
    }
}
