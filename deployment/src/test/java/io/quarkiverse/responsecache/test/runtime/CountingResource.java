package io.quarkiverse.responsecache.test.runtime;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import io.quarkiverse.responsecache.ResponseCache;

/** Endpoints that count their invocations, so tests see whether a response came from the method or the cache. */
@Path("/counting")
public class CountingResource {
    static final AtomicInteger CALLS = new AtomicInteger();

    @GET
    @Path("/{id}")
    @ResponseCache(expire = 30)
    public String cached(@PathParam("id") String id) {
        return "value-" + id + "-" + CALLS.incrementAndGet();
    }

    @GET
    @Path("/plain/{id}")
    public String plain(@PathParam("id") String id) {
        return "plain-" + id + "-" + CALLS.incrementAndGet();
    }

    /** Answers with the status the path asks for. */
    @GET
    @Path("/status/{status}/{id}")
    @ResponseCache(expire = 30)
    public Response withStatus(@PathParam("status") int status, @PathParam("id") String id) {
        return Response.status(status).entity("status-" + status + "-" + id + "-" + CALLS.incrementAndGet()).build();
    }

    @GET
    @Path("/throws/{id}")
    @ResponseCache(expire = 30)
    public String throwing(@PathParam("id") String id) {
        throw new WebApplicationException("failure-" + CALLS.incrementAndGet(), 500);
    }
}
