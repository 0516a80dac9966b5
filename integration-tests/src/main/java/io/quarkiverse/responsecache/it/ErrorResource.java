package io.quarkiverse.responsecache.it;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkiverse.responsecache.ResponseCache;

/**
 * The tutorial's error examples. A thrown exception is never stored; a returned 500 response is not stored either
 * (only 200 is cacheable by default), and when 500 is made cacheable it is replayed as a 500, never as a 200.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ErrorResource {

    @GET
    @Path("/error")
    @ResponseCache(expire = 600)
    public Map<String, String> error() {
        throw new WebApplicationException(Response.status(500).entity(detail()).build());
    }

    @GET
    @Path("/error-response")
    @ResponseCache(expire = 600)
    public Response errorResponse() {
        return Response.status(500).entity(detail()).build();
    }

    private static Map<String, String> detail() {
        return Map.of("detail", Double.toString(ThreadLocalRandom.current().nextDouble()));
    }
}
