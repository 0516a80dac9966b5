package io.quarkiverse.responsecache.runtime.coordination;

import java.util.List;
import java.util.Set;

import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;

/** What {@link CacheDecisions} needs of a request whose key is known, without its REST context. */
public interface KeyedRequest {

    String key();

    EndpointPolicy policy();

    /** @return the headers learned from the endpoint's {@code Vary} that took part in {@link #key()}, lower case */
    Set<String> varied();

    /** @return the request's tags, rendered only when it claims its key */
    List<String> tags();

    String path();

    /** Tells the request the computation it joined, so that it ends it whatever becomes of the request. */
    void joined(Computation computation);
}
