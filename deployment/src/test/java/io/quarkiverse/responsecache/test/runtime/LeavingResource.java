package io.quarkiverse.responsecache.test.runtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.quarkiverse.responsecache.ResponseCache;
import io.smallrye.mutiny.Uni;

/**
 * An endpoint whose first computation of an id never ends: its client can only leave. Quarkus REST cancels the
 * computation then and ends the request. Later computations answer at once.
 */
@Path("/leaving")
public class LeavingResource {

    /** The ids whose first computation runs, and never ends. */
    static final Set<String> STARTED = ConcurrentHashMap.newKeySet();

    @GET
    @Path("/{id}")
    @ResponseCache(expire = 60)
    public Uni<String> leave(@PathParam("id") String id) {
        return STARTED.add(id) ? Uni.createFrom().nothing() : Uni.createFrom().item("computed-" + id);
    }
}
