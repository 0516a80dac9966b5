package io.quarkiverse.responsecache.test.compression;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/** Labels each response with its caller's {@code X-Who}; replaces the entity of the {@code replaced} endpoint. */
@Provider
@Labelled
public class LabelFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle("X-Label", String.valueOf(request.getHeaderString("X-Who")));
        if (request.getUriInfo().getPath().startsWith("/compression/replaced/")) {
            response.setEntity("{\"replaced\":" + response.getEntity().toString().length() + "}");
        }
    }
}
