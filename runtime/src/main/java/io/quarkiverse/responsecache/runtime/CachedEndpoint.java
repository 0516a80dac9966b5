package io.quarkiverse.responsecache.runtime;

/**
 * What the build learned about one cached endpoint. Computed once by the deployment processor and recorded into
 * bytecode, hence the no-argument constructor and setters.
 */
public class CachedEndpoint {

    private String id;
    private String namespace = "";
    private long expireSeconds;

    public CachedEndpoint() {
    }

    public CachedEndpoint(String id, String namespace, long expireSeconds) {
        this.id = id;
        this.namespace = namespace;
        this.expireSeconds = expireSeconds;
    }

    /** @return {@code <class name>#<method name>}, the endpoint's identity in keys */
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
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
}
