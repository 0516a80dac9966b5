package io.quarkiverse.responsecache.test.store;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkiverse.responsecache.ResponseCacheInvalidate;
import io.smallrye.mutiny.Uni;

/**
 * Data with a version per item, read by a slow endpoint (which, once it read the version, waits until the test opens
 * its gate) and a fast one, and written by a {@code PUT} that evicts the item's tag: a read that starts after the
 * write must see the new version.
 */
@Path("/freshness")
public class FreshnessResource {

    static final Map<String, Integer> VERSIONS = new ConcurrentHashMap<>();
    /** Items whose slow read has read the version and now waits at its gate. */
    static final Set<String> WAITING = ConcurrentHashMap.newKeySet();
    static final Map<String, CompletableFuture<Void>> GATES = new ConcurrentHashMap<>();

    static String body(String kind, String id, int version) {
        return kind + "-" + id + "-v" + version;
    }

    @GET
    @Path("/slow/{id}")
    @ResponseCache(expire = 600, namespace = "freshness", tags = "item:{id}")
    public String slow(@PathParam("id") String id) throws Exception {
        int version = VERSIONS.getOrDefault(id, 0);
        CompletableFuture<Void> gate = GATES.get(id);
        if (gate != null) {
            WAITING.add(id);
            gate.get(30, TimeUnit.SECONDS);
        }
        return body("slow", id, version);
    }

    @GET
    @Path("/fast/{id}")
    @ResponseCache(expire = 600, namespace = "freshness", tags = "item:{id}")
    public Uni<String> fast(@PathParam("id") String id) {
        return Uni.createFrom().item(() -> body("fast", id, VERSIONS.getOrDefault(id, 0)));
    }

    @PUT
    @Path("/{id}")
    @ResponseCacheInvalidate(tags = "item:{id}")
    public void update(@PathParam("id") String id) {
        VERSIONS.merge(id, 1, Integer::sum);
    }
}
