package io.quarkiverse.responsecache.runtime.key;

import java.util.List;

import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoint;

/**
 * What a key reads of a request, live or described to the explain endpoint. Stateless, so the live path shares one
 * instance and allocates nothing for it.
 */
public interface RequestInputs<R> {

    String path(R request, boolean withMatrixParameters);

    String scheme(R request);

    String host(R request);

    /** @return as sent, or null */
    String query(R request);

    /** @return in request order; null or empty when absent */
    List<String> queryValues(R request, String name);

    /** @return null or empty when absent */
    List<String> headerValues(R request, String name);

    /** @return null when absent or empty */
    String cookie(R request, String name);

    /** @return empty when none */
    String negotiatedMediaType(R request, CachedEndpoint endpoint);
}
