package io.quarkiverse.responsecache.it;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.quarkiverse.responsecache.ResponseCacheKeyBuilder;
import io.quarkiverse.responsecache.ResponseCacheKeyInput;

/**
 * The tutorial's key builder example: the default key builder, injected and called with an incomplete input (only
 * the endpoint, no request).
 */
@Path("/key-builder")
public class KeyBuilderResource {

    @Inject
    ResponseCacheKeyBuilder keyBuilder;

    @GET
    public String keyOfRandomByPath() {
        return keyBuilder.build(ResponseCacheKeyInput.forEndpoint(RandomResource.class, "byPath").build());
    }
}
