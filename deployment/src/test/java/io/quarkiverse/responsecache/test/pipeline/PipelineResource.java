package io.quarkiverse.responsecache.test.pipeline;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

import io.quarkiverse.responsecache.ResponseCache;

/** Cached endpoints of an application with request and response filters, CORS, configured headers and security. */
@Path("/pipeline")
public class PipelineResource {

    static final AtomicInteger CALLS = new AtomicInteger();

    @GET
    @Path("/protected/{id}")
    @ResponseCache(expire = 600)
    public String protectedPage(@PathParam("id") String id) {
        return "protected " + id + " #" + CALLS.incrementAndGet();
    }

    @GET
    @Path("/audited/{id}")
    @Audited
    @ResponseCache(expire = 600)
    public String audited(@PathParam("id") String id) {
        return "audited " + id + " #" + CALLS.incrementAndGet();
    }

    @GET
    @Path("/me/{id}")
    @ResponseCache(expire = 600)
    public String me(@PathParam("id") String id, @Context SecurityContext security) {
        String caller = security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName();
        return "page of " + caller + " #" + CALLS.incrementAndGet();
    }

    @GET
    @Path("/greeting/{id}")
    @ResponseCache(expire = 600)
    public String greeting(@PathParam("id") String id) {
        return "hello " + id + " #" + CALLS.incrementAndGet();
    }

    @GET
    @Path("/plain/{id}")
    @ResponseCache(expire = 600)
    public String plain(@PathParam("id") String id) {
        return "plain " + id + " #" + CALLS.incrementAndGet();
    }

    @GET
    @Path("/admin/{id}")
    @RolesAllowed("admin")
    @ResponseCache(expire = 600, keyByPrincipal = true)
    public String admin(@PathParam("id") String id, @Context SecurityContext security) {
        return "admin page of " + security.getUserPrincipal().getName() + " #" + CALLS.incrementAndGet();
    }

    @GET
    @Path("/shared-admin/{id}")
    @RolesAllowed("admin")
    @ResponseCache(expire = 600)
    public String sharedAdmin(@PathParam("id") String id) {
        return "shared admin page #" + CALLS.incrementAndGet();
    }
}
