package io.quarkiverse.responsecache.test.deployment.inherited;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.quarkiverse.responsecache.ResponseCache;

/** A cached GET that its subclasses serve, each under a path of its own. */
public abstract class GreetingResource {

    static final AtomicInteger CALLS = new AtomicInteger();

    @GET
    @Path("/{id}")
    @ResponseCache(expire = 60)
    public String greet(@PathParam("id") String id) {
        return greeting() + "-" + id + "-" + CALLS.incrementAndGet();
    }

    abstract String greeting();
}
