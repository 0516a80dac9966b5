package io.quarkiverse.responsecache.test.pipeline;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/** A name-bound JAX-RS request filter, as an application writes one to log who asked for what. */
@Provider
@Audited
public class AuditFilter implements ContainerRequestFilter {

    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @Override
    public void filter(ContainerRequestContext request) {
        SEEN.add(request.getUriInfo().getPath());
    }
}
