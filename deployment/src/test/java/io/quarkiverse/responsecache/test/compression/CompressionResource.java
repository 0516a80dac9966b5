package io.quarkiverse.responsecache.test.compression;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkus.vertx.http.Compressed;
import io.quarkus.vertx.http.Uncompressed;

/** Endpoints of an application with {@code quarkus.http.enable-compression}; each body counts the calls. */
@Path("/compression")
public class CompressionResource {

    static final AtomicInteger CALLS = new AtomicInteger();

    /** About 6 KiB of JSON, which compresses well. */
    static String body(String id) {
        StringBuilder json = new StringBuilder("{\"id\":\"").append(id).append("\",\"call\":")
                .append(CALLS.incrementAndGet()).append(",\"items\":[");
        for (int i = 0; i < 100; i++) {
            json.append(i == 0 ? "" : ",").append("{\"n\":").append(i).append(",\"name\":\"item ").append(i)
                    .append("\",\"status\":\"available\"}");
        }
        return json.append("]}").toString();
    }

    @GET
    @Path("/json/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @ResponseCache(expire = 600)
    @Labelled
    public String json(@PathParam("id") String id) {
        return body(id);
    }

    /** The same without a response filter: its hits take the short chain, right after matching. */
    @GET
    @Path("/short/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @ResponseCache(expire = 600)
    public String shortChain(@PathParam("id") String id) {
        return body(id);
    }

    @GET
    @Path("/uncompressed/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Uncompressed
    @ResponseCache(expire = 600)
    public String uncompressed(@PathParam("id") String id) {
        return body(id);
    }

    @GET
    @Path("/octets/{id}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @ResponseCache(expire = 600)
    public String octets(@PathParam("id") String id) {
        return body(id);
    }

    @GET
    @Path("/forced/{id}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Compressed
    @ResponseCache(expire = 600)
    public String forced(@PathParam("id") String id) {
        return body(id);
    }

    @GET
    @Path("/replaced/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @ResponseCache(expire = 600)
    @Labelled
    public String replaced(@PathParam("id") String id) {
        return body(id);
    }
}
