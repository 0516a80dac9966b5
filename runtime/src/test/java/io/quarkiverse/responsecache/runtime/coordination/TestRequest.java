package io.quarkiverse.responsecache.runtime.coordination;

import java.util.List;
import java.util.Set;

import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;

/** A request to one endpoint and key, outside any REST context, that remembers the computation it joined. */
final class TestRequest implements KeyedRequest {
    private final String key;
    private final EndpointPolicy policy;
    Set<String> varied = Set.of();
    Computation computation;

    TestRequest(String key, EndpointPolicy policy) {
        this.key = key;
        this.policy = policy;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public EndpointPolicy policy() {
        return policy;
    }

    @Override
    public Set<String> varied() {
        return varied;
    }

    @Override
    public List<String> tags() {
        return List.of();
    }

    @Override
    public String path() {
        return "/products";
    }

    @Override
    public void joined(Computation computation) {
        this.computation = computation;
    }
}
