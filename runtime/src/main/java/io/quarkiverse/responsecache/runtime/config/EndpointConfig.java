package io.quarkiverse.responsecache.runtime.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocMapKey;

/** Settings of one cached endpoint. */
public interface EndpointConfig {

    /**
     * Whether this endpoint is cached.
     */
    Optional<Boolean> enabled();

    /**
     * How long its responses stay fresh.
     */
    Optional<Duration> expire();

    /**
     * Its stale-while-revalidate window.
     */
    Optional<Duration> staleWhileRevalidate();

    /**
     * Its stale-if-error window.
     */
    Optional<Duration> staleIfError();

    /**
     * How long its responses of a status stay fresh, e.g. {@code expire-by-status."404"=30s}: the status is stored
     * for this endpoint even when {@code cacheable-statuses} does not list it. Wins over the annotation's
     * {@code expireByStatus} and the global {@code expire-by-status}, status by status.
     */
    @ConfigDocMapKey("status")
    Map<Integer, Duration> expireByStatus();

    /**
     * Whether the response's own {@code Cache-Control} ({@code s-maxage}, else {@code max-age}) sets how long it
     * is stored, capped by the lifetime the endpoint gives its status. Wins over the annotation's
     * {@code expireFromResponse}.
     */
    Optional<Boolean> expireFromResponse();

    /**
     * Its {@code expire-jitter}, e.g. {@code 10%}.
     */
    Optional<String> expireJitter();
}
