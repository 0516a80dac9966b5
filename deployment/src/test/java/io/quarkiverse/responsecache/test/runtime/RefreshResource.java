package io.quarkiverse.responsecache.test.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;

import io.quarkiverse.responsecache.ResponseCache;

/**
 * An endpoint whose computations the test holds at a gate, so that what requests get while a refresh runs does not
 * depend on how fast the machine is. Its response names its inputs: a refresh must compute the same response.
 */
@Path("/refresh")
public class RefreshResource {

    static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    static volatile CountDownLatch gate = new CountDownLatch(0);
    static volatile boolean failing;

    static int calls(String id) {
        return CALLS.getOrDefault(id, new AtomicInteger()).get();
    }

    @GET
    @Path("/{id}")
    @ResponseCache(expire = 60, staleWhileRevalidate = 30)
    public String get(@PathParam("id") String id, @QueryParam("lang") String lang,
            @HeaderParam("X-Tenant") String tenant) throws InterruptedException {
        int call = CALLS.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        gate.await(20, TimeUnit.SECONDS);
        if (failing) {
            throw new WebApplicationException("down", 503);
        }
        return id + "-" + call + "-" + tenant + "-" + lang;
    }
}
