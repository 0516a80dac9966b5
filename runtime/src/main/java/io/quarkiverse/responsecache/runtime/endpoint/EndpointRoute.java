package io.quarkiverse.responsecache.runtime.endpoint;

import java.util.List;

/**
 * Where a cached endpoint is served, as the build found it: what the explain endpoint matches a URL against without
 * running the endpoint. Recorded into bytecode; immutable.
 *
 * @param endpointId the endpoint's {@link CachedEndpoint#id()}
 * @param pathTemplate its path template below the application's path, the class's {@code @Path} and the method's
 *        joined, e.g. {@code /products/{id: \d+}}
 * @param produces the media types its {@code @Produces} declares (the method's, else its class's), as written; empty
 *        when none is declared
 */
public record EndpointRoute(String endpointId, String pathTemplate, List<String> produces) {

    public EndpointRoute {
        produces = List.copyOf(produces);
    }
}
