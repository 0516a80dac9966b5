package io.quarkiverse.responsecache.runtime.config;

import io.smallrye.config.WithDefault;

/** The short cache-status header. */
public interface XCacheHeaderConfig {

    /**
     * Whether responses of cached endpoints carry the short header, whose value is {@code HIT}, {@code MISS} or
     * {@code BYPASS}.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * The header's name.
     */
    @WithDefault("X-Cache")
    String name();
}
