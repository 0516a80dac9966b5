package io.quarkiverse.responsecache.test.key;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestMatrix;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkiverse.responsecache.ResponseCache;

/**
 * One cached endpoint per way a Quarkus REST endpoint reads its request. Each answers with what it read and a call
 * number, so a test sees both whose response it got and whether the endpoint ran.
 */
@Path("/inputs")
public class InputsResource {

    static final AtomicLong CALLS = new AtomicLong();

    static String answer(String read) {
        return read + "#" + CALLS.incrementAndGet();
    }

    /** What {@link #answer} read, without the call number. */
    static String read(String body) {
        return body.substring(0, body.lastIndexOf('#'));
    }

    @GET
    @Path("/uri/{id}")
    @ResponseCache(expire = 60)
    public String uri(@PathParam("id") String id, @Context UriInfo uri) {
        return answer(uri.getRequestUri().getScheme() + "://" + uri.getRequestUri().getHost() + "?"
                + uri.getRequestUri().getRawQuery());
    }

    @GET
    @Path("/matrix/{id}")
    @ResponseCache(expire = 60)
    public String matrix(@PathParam("id") String id, @MatrixParam("color") String color) {
        return answer("color=" + color);
    }

    @GET
    @Path("/rest-matrix/{id}")
    @ResponseCache(expire = 60)
    public String restMatrix(@PathParam("id") String id, @RestMatrix String size) {
        return answer("size=" + size);
    }

    @GET
    @Path("/language/{id}")
    @ResponseCache(expire = 60)
    public String language(@PathParam("id") String id, @HeaderParam("Accept-Language") String language) {
        return answer("language=" + language);
    }

    @GET
    @Path("/tenant/{id}")
    @ResponseCache(expire = 60)
    public String tenant(@PathParam("id") String id, @RestHeader String xTenant) {
        return answer("tenant=" + xTenant);
    }

    @GET
    @Path("/session/{id}")
    @ResponseCache(expire = 60)
    public String session(@PathParam("id") String id, @CookieParam("session") String session) {
        return answer("session=" + session);
    }

    @GET
    @Path("/rest-cookie/{id}")
    @ResponseCache(expire = 60)
    public String restCookie(@PathParam("id") String id, @RestCookie String theme) {
        return answer("theme=" + theme);
    }

    @GET
    @Path("/query/{id}")
    @ResponseCache(expire = 60)
    public String query(@PathParam("id") String id, @QueryParam("a") String a, @RestQuery List<String> tag,
            @QueryParam("page") @DefaultValue("1") int page) {
        return answer("a=" + a + " tag=" + tag + " page=" + page);
    }

    /** The same as {@link #query}, not cached: what the endpoint answers a request when nothing is cached. */
    @GET
    @Path("/query-uncached/{id}")
    public String queryUncached(@PathParam("id") String id, @QueryParam("a") String a, @RestQuery List<String> tag,
            @QueryParam("page") @DefaultValue("1") int page) {
        return "a=" + a + " tag=" + tag + " page=" + page;
    }

    @GET
    @Path("/bean/{id}")
    @ResponseCache(expire = 60)
    public String bean(@PathParam("id") String id, @BeanParam Filter filter) {
        return answer("tenant=" + filter.tenant + " page=" + filter.page);
    }

    @GET
    @Path("/record/{id}")
    @ResponseCache(expire = 60)
    public String record(@PathParam("id") String id, Criteria criteria) {
        return answer("color=" + criteria.color());
    }

    @GET
    @Path("/device/{id}")
    @ResponseCache(expire = 60)
    public Response device(@PathParam("id") String id, @Context jakarta.ws.rs.core.HttpHeaders headers) {
        String device = headers.getHeaderString("X-Device");
        return Response.ok(answer("device=" + device)).header("Vary", "X-Device").build();
    }

    @GET
    @Path("/star/{id}")
    @ResponseCache(expire = 60)
    public Response star(@PathParam("id") String id) {
        return Response.ok(answer("star")).header("Vary", "*").build();
    }

    @GET
    @Path("/report/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @ResponseCache(expire = 60)
    public String reportJson(@PathParam("id") String id) {
        return "{\"report\":\"" + answer(id) + "\"}";
    }

    @GET
    @Path("/report/{id}")
    @Produces(MediaType.TEXT_PLAIN)
    @ResponseCache(expire = 60)
    public String reportText(@PathParam("id") String id) {
        return "report " + answer(id);
    }

    public static class Filter {
        @HeaderParam("X-Tenant")
        String tenant;

        @QueryParam("page")
        String page;
    }

    public record Criteria(@RestQuery String color) {
    }
}
