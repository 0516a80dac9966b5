package io.quarkiverse.responsecache.it;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.quarkiverse.responsecache.ResponseCache;

/**
 * An endpoint that takes 300 ms, as an expensive query would. {@link StatsResource} tells how often it ran in this
 * instance: with the distributed lock on, a burst of requests on several instances runs it once in total.
 */
@Path("/expensive")
public class ExpensiveResource {

    static final Map<String, AtomicLong> RUNS = new ConcurrentHashMap<>();

    @GET
    @Path("/{id}")
    @ResponseCache(expire = 600, namespace = "expensive")
    public String compute(@PathParam("id") String id) throws InterruptedException {
        RUNS.computeIfAbsent(id, key -> new AtomicLong()).incrementAndGet();
        Thread.sleep(300);
        return "result-" + id;
    }
}
