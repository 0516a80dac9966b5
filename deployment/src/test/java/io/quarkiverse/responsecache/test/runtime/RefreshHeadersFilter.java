package io.quarkiverse.responsecache.test.runtime;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Records the headers of every request that reaches the refresh endpoint's filters, to see what a refresh carries. */
public class RefreshHeadersFilter {

    static final List<Map<String, List<String>>> SEEN = new CopyOnWriteArrayList<>();

    @ServerRequestFilter
    public void record(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().startsWith("/refresh/")) {
            SEEN.add(Map.copyOf(request.getHeaders()));
        }
    }
}
