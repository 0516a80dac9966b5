package io.quarkiverse.responsecache.test.runtime;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.ResponseHeader;

import io.quarkiverse.responsecache.ResponseCache;

/** Endpoints whose responses test the HTTP rules of the cache; each counts its invocations in its body. */
@Path("/semantics")
public class SemanticsResource {

    static final AtomicInteger CALLS = new AtomicInteger();

    static String body(String what) {
        return what + "-" + CALLS.incrementAndGet();
    }

    @GET
    @Path("/text/{id}")
    @ResponseCache(expire = 60)
    public String text(@PathParam("id") String id) {
        return body("text-" + id);
    }

    /** Quarkus REST's response customizers add these to every response of the method, hits included. */
    @GET
    @Path("/customized/{id}")
    @ResponseCache(expire = 60)
    @ResponseHeader(name = "X-Customized", value = { "one", "two" })
    @ResponseHeader(name = "WWW-Authenticate", value = "Basic")
    public String customized(@PathParam("id") String id) {
        return body("customized-" + id);
    }

    @GET
    @Path("/own-etag/{id}")
    @ResponseCache(expire = 60)
    public Response ownEtag(@PathParam("id") String id) {
        return Response.ok(body("own-etag-" + id)).tag(new EntityTag("v1")).build();
    }

    @GET
    @Path("/cookie/{id}")
    @ResponseCache(expire = 60)
    public Response cookie(@PathParam("id") String id) {
        return Response.ok(body("cookie-" + id)).cookie(new NewCookie.Builder("session").value("secret").build())
                .build();
    }

    @GET
    @Path("/private/{id}")
    @ResponseCache(expire = 60)
    public Response privateResponse(@PathParam("id") String id) {
        CacheControl cacheControl = new CacheControl();
        cacheControl.setPrivate(true);
        return Response.ok(body("private-" + id)).cacheControl(cacheControl).build();
    }

    @GET
    @Path("/no-store/{id}")
    @ResponseCache(expire = 60)
    public Response noStore(@PathParam("id") String id) {
        CacheControl cacheControl = new CacheControl();
        cacheControl.setNoStore(true);
        return Response.ok(body("no-store-" + id)).cacheControl(cacheControl).build();
    }

    @GET
    @Path("/negotiated/{id}")
    @Produces({ MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN })
    @ResponseCache(expire = 60)
    public String negotiated(@PathParam("id") String id, @HeaderParam("Accept") String accept) {
        String body = body("negotiated-" + id);
        return accept != null && accept.contains("json") ? "{\"value\":\"" + body + "\"}" : body;
    }

    @GET
    @Path("/language/{id}")
    @ResponseCache(expire = 60)
    public String language(@PathParam("id") String id, @HeaderParam("Accept-Language") String language) {
        return body(language + "-" + id);
    }

    @GET
    @Path("/tracked/{id}")
    @ResponseCache(expire = 60, queryParameters = "page")
    public String tracked(@PathParam("id") String id, @QueryParam("page") int page) {
        return body("page-" + page + "-" + id);
    }

    @GET
    @Path("/declared-query/{id}")
    @ResponseCache(expire = 60)
    public String declaredQuery(@PathParam("id") String id, @QueryParam("zeta") String zeta,
            @QueryParam("alpha") String alpha, @QueryParam("mid") String mid, @QueryParam("Aa") String aa,
            @QueryParam("BB") String bb) {
        return body("declared-query-" + id);
    }

    /** Answers with the query string as it arrived, so a test sees the order the parameters came in. */
    @GET
    @Path("/query/{id}")
    @ResponseCache(expire = 60)
    public String query(@PathParam("id") String id, @Context UriInfo uri) {
        return body("query-" + id) + "?" + uri.getRequestUri().getRawQuery();
    }

    @GET
    @Path("/large/{id}")
    @ResponseCache(expire = 60)
    public String large(@PathParam("id") String id) {
        return body("large-" + id) + "x".repeat(4096);
    }

    @GET
    @Path("/shared/{id}")
    @ResponseCache(expire = 60)
    public String shared(@PathParam("id") String id, @HeaderParam("Authorization") String authorization) {
        return body("for-" + authorization + "-" + id);
    }

    @GET
    @Path("/per-user/{id}")
    @ResponseCache(expire = 60, keyByPrincipal = true)
    public String perUser(@PathParam("id") String id, @HeaderParam("Authorization") String authorization) {
        return body("for-" + authorization + "-" + id);
    }
}
