package io.quarkiverse.responsecache.it;

import java.util.concurrent.ThreadLocalRandom;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import io.quarkiverse.responsecache.ResponseCache;

/**
 * The tutorial's first two examples: a random value per id, cached for 600 seconds, with the id in the path or in
 * the query string.
 */
@Path("/random")
public class RandomResource {

    @GET
    @Path("/{id}")
    @ResponseCache(expire = 600)
    public String byPath(@PathParam("id") int id) {
        return Double.toString(ThreadLocalRandom.current().nextDouble());
    }

    @GET
    @ResponseCache(expire = 600)
    public String byQuery(@QueryParam("id") int id) {
        return Double.toString(ThreadLocalRandom.current().nextDouble());
    }
}
