package io.quarkiverse.responsecache.runtime;

import java.util.List;

/**
 * What the build learned about one cached endpoint from its annotation. Computed once by the deployment processor and
 * recorded into bytecode, hence the no-argument constructor and setters.
 */
public class CachedEndpoint {

    private String id;
    private String name;
    private String namespace = "";
    private List<String> tags = List.of();
    private long expireSeconds;
    private List<String> varyHeaders = List.of();
    private List<String> queryParameters = List.of();
    private boolean negotiatesMediaType;
    private boolean keyByPrincipal;
    private long staleWhileRevalidateSeconds = -1;
    private long staleIfErrorSeconds = -1;

    public CachedEndpoint() {
    }

    /** @return {@code <class name>#<method name>}, the endpoint's identity in keys */
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    /** @return the endpoint's name in configuration */
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** @return the tag templates, e.g. {@code product:{id}} */
    public List<String> getTags() {
        return tags;
    }

    public void setTags(List<String> tags) {
        this.tags = tags;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    /** @return the annotation's {@code expire}, {@code 0} when it defers to the configured default */
    public long getExpireSeconds() {
        return expireSeconds;
    }

    public void setExpireSeconds(long expireSeconds) {
        this.expireSeconds = expireSeconds;
    }

    /** @return the request headers that take part in the key, as declared */
    public List<String> getVaryHeaders() {
        return varyHeaders;
    }

    public void setVaryHeaders(List<String> varyHeaders) {
        this.varyHeaders = varyHeaders;
    }

    /** @return the query parameters that take part in the key; empty for all */
    public List<String> getQueryParameters() {
        return queryParameters;
    }

    public void setQueryParameters(List<String> queryParameters) {
        this.queryParameters = queryParameters;
    }

    /** @return whether the method produces several media types, so the negotiated one takes part in the key */
    public boolean isNegotiatesMediaType() {
        return negotiatesMediaType;
    }

    public void setNegotiatesMediaType(boolean negotiatesMediaType) {
        this.negotiatesMediaType = negotiatesMediaType;
    }

    public boolean isKeyByPrincipal() {
        return keyByPrincipal;
    }

    public void setKeyByPrincipal(boolean keyByPrincipal) {
        this.keyByPrincipal = keyByPrincipal;
    }

    /** @return the annotation's {@code staleWhileRevalidate}, {@code -1} when it defers to the configuration */
    public long getStaleWhileRevalidateSeconds() {
        return staleWhileRevalidateSeconds;
    }

    public void setStaleWhileRevalidateSeconds(long staleWhileRevalidateSeconds) {
        this.staleWhileRevalidateSeconds = staleWhileRevalidateSeconds;
    }

    /** @return the annotation's {@code staleIfError}, {@code -1} when it defers to the configuration */
    public long getStaleIfErrorSeconds() {
        return staleIfErrorSeconds;
    }

    public void setStaleIfErrorSeconds(long staleIfErrorSeconds) {
        this.staleIfErrorSeconds = staleIfErrorSeconds;
    }
}
