package org.acme.startup;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** The one endpoint of the startup benchmark's applications; the script removes the annotation for the plain one. */
@Path("/items")
public class ItemResource {

    @GET
    @Path("/{id}")
    @io.quarkiverse.responsecache.ResponseCache(expire = 600) // CACHED
    public String item(@PathParam("id") int id) {
        return "item " + id + " ".repeat(200);
    }
}
