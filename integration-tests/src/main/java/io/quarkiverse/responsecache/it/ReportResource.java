package io.quarkiverse.responsecache.it;

import java.util.Arrays;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkiverse.responsecache.ResponseCache;

/**
 * Large responses: a report of nearly the largest cacheable size (1000 KiB, under the 1 MiB body limit) per id. Without
 * Redis, the memory store keeps as many as its byte bound allows and lets the others go.
 */
@Path("/reports")
public class ReportResource {

    static final int REPORT_BYTES = 1000 * 1024;

    @GET
    @Path("/{id}")
    @Produces(MediaType.TEXT_PLAIN)
    @ResponseCache(expire = 600, tags = "reports")
    public byte[] report(@PathParam("id") int id) {
        byte[] report = new byte[REPORT_BYTES];
        Arrays.fill(report, (byte) ('a' + Math.floorMod(id, 26)));
        return report;
    }
}
