package io.quarkiverse.responsecache.test.observability;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import io.quarkiverse.responsecache.ResponseCache;

/** Tagged, namespaced endpoints with a stale-while-revalidate window, that count their invocations. */
@Path("/items")
public class ItemResource {

    static final AtomicInteger CALLS = new AtomicInteger();

    @GET
    @Path("/{id}")
    @ResponseCache(expire = 60, namespace = "items", tags = "item:{id}", staleWhileRevalidate = 60)
    public String item(@PathParam("id") String id, @QueryParam("view") String view) {
        return "item-" + id + "-" + view + "-" + CALLS.incrementAndGet();
    }

    @GET
    @Path("/other/{id}")
    @ResponseCache(expire = 60, namespace = "others")
    public String other(@PathParam("id") String id) {
        return "other-" + id + "-" + CALLS.incrementAndGet();
    }
}
