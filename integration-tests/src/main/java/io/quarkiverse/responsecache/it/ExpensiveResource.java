package io.quarkiverse.responsecache.it;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * An endpoint that takes 300 ms, as an expensive query would. It counts its runs in Redis, so the count covers every
 * instance of the application: with the distributed lock on, a burst of requests on several instances runs it once.
 */
@Path("/expensive")
public class ExpensiveResource {

    @Inject
    RedisDataSource redis;

    @GET
    @Path("/{id}")
    @ResponseCache(expire = 600, namespace = "expensive")
    public String compute(@PathParam("id") String id) throws InterruptedException {
        long run = redis.value(Long.class).incr("demo:expensive-runs:" + id);
        Thread.sleep(300);
        return "result-" + id + "-run-" + run;
    }
}
