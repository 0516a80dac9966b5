package io.quarkiverse.responsecache.it;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Not cached: how many times the product methods ran, for tests that run against the packaged application. */
@Path("/stats")
public class StatsResource {

    @GET
    @Path("/product-invocations")
    public int productInvocations() {
        return ProductResource.INVOCATIONS.get();
    }
}
