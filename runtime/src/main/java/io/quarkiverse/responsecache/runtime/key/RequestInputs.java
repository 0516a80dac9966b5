package io.quarkiverse.responsecache.runtime.key;

import java.util.List;

import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoint;

/**
 * What a key reads of a request, whatever holds it: a live request ({@link LiveRequestInputs}) or one an operator
 * describes to the explain endpoint. Stateless, the request passed in: the live path uses one shared instance and
 * allocates nothing for it.
 *
 * @param <R> the request's type
 */
public interface RequestInputs<R> {

    /** @return the normalised path, with its matrix parameters when asked for, else without them */
    String path(R request, boolean withMatrixParameters);

    /** @return the scheme, as the endpoint sees it */
    String scheme(R request);

    /** @return the host and port, as the endpoint sees it */
    String host(R request);

    /** @return the whole query string as sent, or null */
    String query(R request);

    /** @return every value of a query parameter, in request order; null or empty when absent */
    List<String> queryValues(R request, String name);

    /** @return every value of a request header; null or empty when absent */
    List<String> headerValues(R request, String name);

    /** @return the value of a cookie, null when absent or empty */
    String cookie(R request, String name);

    /** @return the media type the endpoint produces for the request's {@code Accept}, empty when none */
    String negotiatedMediaType(R request, CachedEndpoint endpoint);
}
