package io.quarkiverse.responsecache.it;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** Not cached: how many times cached methods really ran in this instance, for tests of the packaged application. */
@Path("/stats")
public class StatsResource {

    @GET
    @Path("/product-invocations")
    public int productInvocations() {
        return ProductResource.INVOCATIONS.get();
    }

    @GET
    @Path("/expensive-runs/{id}")
    public long expensiveRuns(@PathParam("id") String id) {
        AtomicLong runs = ExpensiveResource.RUNS.get(id);
        return runs == null ? 0 : runs.get();
    }
}
