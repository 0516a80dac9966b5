package io.quarkiverse.responsecache.test.store;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkiverse.responsecache.ResponseCacheInvalidate;

/** A small catalog whose reads are cached by namespace and tag, and whose writes evict them. */
@Path("/catalog")
public class CatalogResource {

    static final AtomicInteger CALLS = new AtomicInteger();

    static String body(String what) {
        return what + "-" + CALLS.incrementAndGet();
    }

    @GET
    @Path("/products/{id}")
    @ResponseCache(expire = 60, namespace = "products", tags = { "product:{id}", "catalog" })
    public String product(@PathParam("id") String id) {
        return body("product-" + id);
    }

    @GET
    @Path("/products/{id}/reviews")
    @ResponseCache(expire = 60, namespace = "reviews", tags = "product:{id}")
    public String reviews(@PathParam("id") String id) {
        return body("reviews-" + id);
    }

    @GET
    @Path("/categories/{name}")
    @ResponseCache(expire = 60, namespace = "categories", tags = "catalog")
    public String category(@PathParam("name") String name) {
        return body("category-" + name);
    }

    /** Fresh for 60 s, then kept 30 s more for stale-if-error: 90 s in the store in all. */
    @GET
    @Path("/expiring/{id}")
    @ResponseCache(expire = 60, staleIfError = 30)
    public String expiring(@PathParam("id") String id) {
        return body("expiring-" + id);
    }

    @GET
    @Path("/overridden/{id}")
    @ResponseCache(expire = 600, name = "overridden")
    public String overridden(@PathParam("id") String id) {
        return body("overridden-" + id);
    }

    @GET
    @Path("/switched-off/{id}")
    @ResponseCache(expire = 600)
    public String switchedOff(@PathParam("id") String id) {
        return body("switched-off-" + id);
    }

    @PUT
    @Path("/products/{id}")
    @ResponseCacheInvalidate(tags = "product:{id}")
    public Response update(@PathParam("id") String id, @QueryParam("outcome") String outcome) {
        if ("throw".equals(outcome)) {
            throw new WebApplicationException("conflict", 409);
        }
        if ("reject".equals(outcome)) {
            return Response.status(422).entity("rejected").build();
        }
        return Response.noContent().build();
    }

    @DELETE
    @Path("/products")
    @ResponseCacheInvalidate(namespaces = "products")
    public void deleteAll() {
    }
}
