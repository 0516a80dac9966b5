package io.quarkiverse.responsecache;

/**
 * Builds the storage key of a cached response.
 * <p>
 * The default implementation is an application-scoped bean that can be injected and called from user code, for
 * example with an input that names only the resource method. Declaring another bean of this type replaces it: the
 * extension then uses that bean for every cached endpoint.
 */
public interface ResponseCacheKeyBuilder {

    /**
     * Returns the key under which the response described by {@code input} is stored. It must be deterministic: the
     * same input gives the same key, in every instance of the application and after a restart.
     *
     * @param input what identifies the response; parts that are not known are empty, never {@code null}
     * @return the full key, including the configured prefix
     */
    String build(ResponseCacheKeyInput input);
}
