package io.quarkiverse.responsecache.runtime.config;

import io.smallrye.config.WithDefault;

/** The RFC 9211 {@code Cache-Status} header. */
public interface CacheStatusHeaderConfig {

    /**
     * Whether responses of cached endpoints carry {@code Cache-Status}, e.g. {@code response-cache; hit; ttl=42} or
     * {@code response-cache; fwd=uri-miss; stored}.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * The cache's name in {@code Cache-Status}.
     */
    @WithDefault("response-cache")
    String cacheName();

    /**
     * Whether {@code Cache-Status} also carries the entry's key ({@code key="response-cache:products:..."}), to
     * tell which entry a response came from or would have been stored under. Off by default: a key can reveal
     * what went into it to every client: the default key builder hashes its inputs (a guessable input, such as a
     * principal's name, can still be confirmed), a key builder of the application's own may hold them in clear.
     */
    @WithDefault("false")
    boolean includeKey();
}
