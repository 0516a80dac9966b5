package io.quarkiverse.responsecache.runtime.endpoint;

import java.util.List;

/**
 * Where a cached endpoint is served, for the explain endpoint to match URLs against. Recorded into bytecode.
 *
 * @param pathTemplate below the application's path, class and method {@code @Path} joined: {@code /products/{id: \d+}}
 * @param produces the method's {@code @Produces}, else its class's, as written
 */
public record EndpointRoute(String endpointId, String pathTemplate, List<String> produces) {

    public EndpointRoute {
        produces = List.copyOf(produces);
    }
}
