package io.quarkiverse.responsecache.test.key;

import static io.quarkiverse.responsecache.test.key.InputsResource.answer;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import io.quarkiverse.responsecache.ResponseCache;

/** Inputs injected into the resource class rather than the method: its endpoints read them all the same. */
@Path("/field-inputs")
public class FieldInputsResource {

    @HeaderParam("X-Tenant")
    String tenant;

    @GET
    @Path("/tenant/{id}")
    @ResponseCache(expire = 60)
    public String tenant(@PathParam("id") String id) {
        return answer("tenant=" + tenant);
    }

    /** Reads the URI through a field of its own class. */
    @Path("/uri")
    public static class UriFieldResource {

        @Context
        UriInfo uri;

        @GET
        @Path("/{id}")
        @ResponseCache(expire = 60)
        public String host(@PathParam("id") String id) {
            return answer(uri.getRequestUri().getScheme() + "://" + uri.getRequestUri().getHost() + "?"
                    + uri.getRequestUri().getRawQuery());
        }
    }
}
