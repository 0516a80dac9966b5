package io.quarkiverse.responsecache.test.lifetime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkiverse.responsecache.ResponseCache.StatusExpire;

/** Endpoints whose responses live for different times: by status, by what they say, by policy, with jitter. */
@Path("/lifetimes")
public class LifetimeResource {

    static final Map<String, AtomicInteger> INVOCATIONS = new ConcurrentHashMap<>();

    static int invocations(String id) {
        return INVOCATIONS.getOrDefault(id, new AtomicInteger()).get();
    }

    private static String count(String id) {
        return id + "-" + INVOCATIONS.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    }

    /** Ids that start with {@code found} exist; the others are 404s, which this endpoint keeps 30 s. */
    @GET
    @Path("/items/{id}")
    @ResponseCache(expire = 600, expireByStatus = @StatusExpire(status = 404, expire = 30))
    public Response item(@PathParam("id") String id) {
        String body = count(id);
        return id.startsWith("found") ? Response.ok(body).build() : Response.status(404).entity(body).build();
    }

    /** A 404 this endpoint does not list: not stored, whatever another endpoint lists. */
    @GET
    @Path("/unlisted/{id}")
    @ResponseCache(expire = 600)
    public Response unlisted(@PathParam("id") String id) {
        return Response.status(404).entity(count(id)).build();
    }

    /** A 410, listed for this endpoint by configuration only. */
    @GET
    @Path("/gone/{id}")
    @ResponseCache(expire = 600)
    public Response gone(@PathParam("id") String id) {
        return Response.status(410).entity(count(id)).build();
    }

    /** Says its own Cache-Control ({@code public, max-age=..., s-maxage=...}), which sets its lifetime. */
    @GET
    @Path("/own/{id}")
    @ResponseCache(expire = 600, expireFromResponse = true)
    public Response own(@PathParam("id") String id, @QueryParam("maxage") Long maxAge,
            @QueryParam("smaxage") Long sMaxAge) {
        Response.ResponseBuilder response = Response.ok(count(id));
        if (maxAge == null && sMaxAge == null) {
            return response.build();
        }
        String cacheControl = "public" + (maxAge == null ? "" : ", max-age=" + maxAge)
                + (sMaxAge == null ? "" : ", s-maxage=" + sMaxAge);
        return response.header("Cache-Control", cacheControl).build();
    }

    /** Says a Cache-Control that nothing lets it decide with. */
    @GET
    @Path("/ignored/{id}")
    @ResponseCache(expire = 600)
    public Response ignored(@PathParam("id") String id) {
        return Response.ok(count(id)).header("Cache-Control", "max-age=5").build();
    }

    /** {@link NoSecretsPolicy} refuses to store bodies that start with {@code secret}. */
    @GET
    @Path("/policed/{id}")
    @ResponseCache(expire = 600)
    public String policed(@PathParam("id") String id) {
        return count(id);
    }

    /** {@link NoSecretsPolicy} throws on this endpoint's responses. */
    @GET
    @Path("/policy-fails/{id}")
    @ResponseCache(expire = 600)
    public String policyFails(@PathParam("id") String id) {
        return count(id);
    }

    /** Configured with a jitter of 50%. */
    @GET
    @Path("/jittered/{id}")
    @ResponseCache(expire = 600)
    public String jittered(@PathParam("id") String id) {
        return count(id);
    }
}
