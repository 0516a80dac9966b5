package io.quarkiverse.responsecache.test.near;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkiverse.responsecache.ResponseCacheInvalidate;

/** A cached read that counts its computations, and a write that evicts it by tag. */
@Path("/near")
public class NearResource {

    static final AtomicInteger CALLS = new AtomicInteger();

    @GET
    @Path("/{id}")
    @ResponseCache(expire = 60, tags = "item:{id}")
    public String item(@PathParam("id") String id) {
        return "item-" + id + "-" + CALLS.incrementAndGet();
    }

    /** About 20 KiB, each line different: a body the near cache also keeps outside the heap. */
    @GET
    @Path("/large/{id}")
    @ResponseCache(expire = 60)
    public String large(@PathParam("id") String id) {
        StringBuilder body = new StringBuilder();
        int call = CALLS.incrementAndGet();
        for (int line = 0; body.length() < 20_000; line++) {
            body.append(id).append(' ').append(call).append(' ').append(line).append('\n');
        }
        return body.toString();
    }

    @POST
    @Path("/{id}")
    @ResponseCacheInvalidate(tags = "item:{id}")
    public String update(@PathParam("id") String id) {
        return "updated-" + id;
    }
}
