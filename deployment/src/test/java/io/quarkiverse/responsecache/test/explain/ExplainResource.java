package io.quarkiverse.responsecache.test.explain;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import io.quarkiverse.responsecache.ResponseCache;

@Path("/explained")
public class ExplainResource {

    static final AtomicInteger CALLS = new AtomicInteger();

    @GET
    @Path("/items/{id}")
    @ResponseCache(expire = 600, namespace = "explained", tags = "item:{id}")
    public String item(@PathParam("id") String id, @QueryParam("view") @DefaultValue("short") String view,
            @HeaderParam("Accept-Language") String language) {
        return "item-" + id + "-" + view + "-" + language + "-" + CALLS.incrementAndGet();
    }

    @GET
    @Path("/mine/{id: \\d+}")
    @ResponseCache(expire = 600, keyByPrincipal = true)
    public String mine(@PathParam("id") long id) {
        return "mine-" + id + "-" + CALLS.incrementAndGet();
    }
}
