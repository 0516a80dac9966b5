package io.quarkiverse.responsecache.test.invalidation;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkiverse.responsecache.ResponseCacheInvalidate;

/** Reads cached in two namespaces and the default one; writes that evict everything, or a tag by another name. */
@Path("/shelf")
public class ShelfResource {

    static final AtomicInteger CALLS = new AtomicInteger();

    @GET
    @Path("/books/{id}")
    @ResponseCache(expire = 600, namespace = "books", tags = "book:{id}")
    public String book(@PathParam("id") String id) {
        return "book-" + id + "-" + CALLS.incrementAndGet();
    }

    @GET
    @Path("/films/{id}")
    @ResponseCache(expire = 600, namespace = "films")
    public String film(@PathParam("id") String id) {
        return "film-" + id + "-" + CALLS.incrementAndGet();
    }

    @GET
    @Path("/plain/{id}")
    @ResponseCache(expire = 600)
    public String plain(@PathParam("id") String id) {
        return "plain-" + id + "-" + CALLS.incrementAndGet();
    }

    @POST
    @Path("/restock")
    @ResponseCacheInvalidate(all = true)
    public void restock() {
    }

    @POST
    @Path("/refused-restock")
    @ResponseCacheInvalidate(all = true)
    public Response refusedRestock() {
        return Response.status(409).entity("refused").build();
    }

    /** Named {@code isbn} here, {@code id} on the cached read: the build matches the templates, not the names. */
    @PUT
    @Path("/books/{isbn}")
    @ResponseCacheInvalidate(tags = "book:{isbn}")
    public void update(@PathParam("isbn") String isbn) {
    }
}
