package io.quarkiverse.responsecache.test.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkiverse.responsecache.ResponseCache;

/** Endpoints that take time, count their invocations per id, and fail on demand. */
@Path("/slow")
public class SlowResource {

    static final Map<String, AtomicInteger> INVOCATIONS = new ConcurrentHashMap<>();
    static final CountDownLatch SECOND_KEY_STARTED = new CountDownLatch(1);
    static volatile boolean failing;
    static volatile int failingStatus = 503;

    static int invocations(String id) {
        return INVOCATIONS.getOrDefault(id, new AtomicInteger()).get();
    }

    private static String compute(String id, long millis) {
        int invocation = INVOCATIONS.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return id + "-" + invocation;
    }

    @GET
    @Path("/{id}")
    @ResponseCache(expire = 60)
    public String slow(@PathParam("id") String id) {
        return compute(id, 300);
    }

    /** Blocks until {@link #second} has started: if different keys waited for each other, it never would. */
    @GET
    @Path("/first/{id}")
    @ResponseCache(expire = 60)
    public String first(@PathParam("id") String id) throws InterruptedException {
        boolean secondStarted = SECOND_KEY_STARTED.await(5, TimeUnit.SECONDS);
        return compute(id, 0) + "-" + secondStarted;
    }

    @GET
    @Path("/second/{id}")
    @ResponseCache(expire = 60)
    public String second(@PathParam("id") String id) {
        SECOND_KEY_STARTED.countDown();
        return compute(id, 0);
    }

    @GET
    @Path("/stale/{id}")
    @ResponseCache(expire = 60, staleWhileRevalidate = 30, staleIfError = 30)
    public String stale(@PathParam("id") String id) {
        if (failing) {
            throw new WebApplicationException("down", failingStatus);
        }
        return compute(id, 300);
    }

    /** Fails with an exception that the application's own mapper turns into a 404. */
    @GET
    @Path("/stale-mapped/{id}")
    @ResponseCache(expire = 60, staleIfError = 30)
    public String staleMapped(@PathParam("id") String id) {
        if (failing) {
            throw new IllegalArgumentException("no such thing");
        }
        return compute(id, 0);
    }

    @ServerExceptionMapper
    public Response notFound(IllegalArgumentException missing) {
        return Response.status(404).entity(missing.getMessage()).build();
    }

    @GET
    @Path("/stale-response/{id}")
    @ResponseCache(expire = 60, staleIfError = 30)
    public Response staleResponse(@PathParam("id") String id) {
        if (failing) {
            return Response.status(500).entity("down").build();
        }
        return Response.ok(compute(id, 0)).build();
    }
}
