package io.quarkiverse.responsecache.runtime;

import java.time.Duration;
import java.util.Set;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Runtime configuration of the response cache.
 */
@ConfigMapping(prefix = "quarkus.response-cache")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface ResponseCacheConfig {

    /**
     * Whether responses are cached. When {@code false}, annotated endpoints behave as if they were not annotated: the
     * cache is never read or written and no cache headers are added.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * How long a stored response stays fresh when its annotation does not say ({@code @ResponseCache} without
     * {@code expire}).
     */
    @WithDefault("60s")
    Duration defaultExpire();

    /**
     * The first part of every key, {@code <prefix>:<namespace>:<hash>}. Every entry of this application lives under it.
     */
    @WithDefault("response-cache")
    String prefix();

    /**
     * The HTTP statuses whose responses are stored. Any other response is sent as it is and not stored. Adding an
     * error status (500, say) stores it too, and it is then replayed with that same status.
     */
    @WithDefault("200")
    Set<Integer> cacheableStatuses();

    /**
     * The name of the short cache-status header added to the responses of cached endpoints, whose value is
     * {@code HIT}, {@code MISS} or {@code BYPASS}.
     */
    @WithDefault("X-Cache")
    String cacheStatusHeader();

    /**
     * The longest time a request waits for the store to answer a lookup. When it does not answer in time, or answers
     * with an error, the request is served by the endpoint as if it were not cached.
     */
    @WithDefault("100ms")
    Duration lookupTimeout();
}
