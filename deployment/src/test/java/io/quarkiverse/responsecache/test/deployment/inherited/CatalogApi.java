package io.quarkiverse.responsecache.test.deployment.inherited;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.quarkiverse.responsecache.ResponseCache;

/** A resource declared by an interface, cached there. */
@Path("/catalog-api")
public interface CatalogApi {

    @GET
    @Path("/{id}")
    @ResponseCache(expire = 60)
    String item(@PathParam("id") String id);
}
