package io.quarkiverse.responsecache.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.jboss.logging.Logger;

import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.runtime.configuration.ConfigurationException;

/** Checks at startup what only the runtime configuration can get wrong. */
@Recorder
public class ResponseCacheRecorder {

    private static final Logger LOG = Logger.getLogger(ResponseCacheRecorder.class);

    private final RuntimeValue<ResponseCacheConfig> config;

    public ResponseCacheRecorder(RuntimeValue<ResponseCacheConfig> config) {
        this.config = config;
    }

    /**
     * Per-endpoint settings must name an endpoint (a typo would otherwise be ignored in silence) and give durations
     * the annotation would accept.
     *
     * @param endpointNames the names of the application's cached endpoints
     */
    public void checkEndpointConfiguration(Set<String> endpointNames) {
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, ResponseCacheConfig.EndpointConfig> endpoint : config.getValue().endpoint().entrySet()) {
            String prefix = "quarkus.response-cache.endpoint.\"" + endpoint.getKey() + "\".";
            if (!endpointNames.contains(endpoint.getKey())) {
                LOG.warnf("%s* names no cached endpoint, so it changes nothing; the cached endpoints are %s", prefix,
                        new TreeSet<>(endpointNames));
            }
            ResponseCacheConfig.EndpointConfig settings = endpoint.getValue();
            positive(prefix + "expire", settings.expire(), errors);
            notNegative(prefix + "stale-while-revalidate", settings.staleWhileRevalidate(), errors);
            notNegative(prefix + "stale-if-error", settings.staleIfError(), errors);
        }
        if (!errors.isEmpty()) {
            throw new ConfigurationException(String.join("; ", errors));
        }
    }

    private static void positive(String property, Optional<Duration> value, List<String> errors) {
        value.filter(duration -> duration.isZero() || duration.isNegative())
                .ifPresent(duration -> errors.add(property + "=" + duration + " must be longer than zero"));
    }

    private static void notNegative(String property, Optional<Duration> value, List<String> errors) {
        value.filter(Duration::isNegative)
                .ifPresent(duration -> errors.add(property + "=" + duration + " must not be negative (0 turns it off)"));
    }
}
