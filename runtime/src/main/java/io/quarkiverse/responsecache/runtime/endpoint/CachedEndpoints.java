package io.quarkiverse.responsecache.runtime.endpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.jboss.logging.Logger;

import io.quarkiverse.responsecache.runtime.config.EndpointConfig;
import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * The application's cached endpoints as they apply at runtime: each endpoint the build found, with its policy
 * resolved against the configuration once, at startup. A bean, so anything (a handler, a test, a console) can look up
 * and list what is cached and how.
 */
public final class CachedEndpoints {

    private static final Logger LOG = Logger.getLogger(CachedEndpoints.class);

    private final Map<String, EndpointPolicy> byId;

    private CachedEndpoints(Map<String, EndpointPolicy> byId) {
        this.byId = byId;
    }

    /**
     * A per-endpoint setting naming no endpoint is logged (a typo would change nothing in silence); invalid durations
     * fail startup.
     *
     * @throws ConfigurationException naming every invalid per-endpoint setting
     */
    public static CachedEndpoints resolve(List<CachedEndpoint> endpoints, ResponseCacheConfig config) {
        Map<String, EndpointPolicy> byId = new LinkedHashMap<>();
        TreeSet<String> names = new TreeSet<>();
        for (CachedEndpoint endpoint : endpoints) {
            byId.put(endpoint.id(), EndpointPolicy.of(endpoint, config));
            names.add(endpoint.name());
            LOG.debugf("Cached endpoint %s (%s) is keyed by: %s", endpoint.name(), endpoint.id(),
                    endpoint.describeKey());
        }
        List<String> errors = new ArrayList<>();
        EndpointLifetimes.checkByStatus("quarkus.response-cache.expire-by-status", config.expireByStatus(), errors);
        EndpointLifetimes.checkJitter("quarkus.response-cache.expire-jitter", config.expireJitter(), errors);
        for (Map.Entry<String, EndpointConfig> setting : config.endpoint().entrySet()) {
            String prefix = "quarkus.response-cache.endpoint.\"" + setting.getKey() + "\".";
            if (!names.contains(setting.getKey())) {
                LOG.warnf("%s* names no cached endpoint, so it changes nothing; the cached endpoints are %s", prefix,
                        names);
            }
            EndpointConfig settings = setting.getValue();
            positive(prefix + "expire", settings.expire(), errors);
            notNegative(prefix + "stale-while-revalidate", settings.staleWhileRevalidate(), errors);
            notNegative(prefix + "stale-if-error", settings.staleIfError(), errors);
            EndpointLifetimes.checkByStatus(prefix + "expire-by-status", settings.expireByStatus(), errors);
            settings.expireJitter().ifPresent(jitter -> EndpointLifetimes.checkJitter(prefix + "expire-jitter", jitter,
                    errors));
        }
        if (!errors.isEmpty()) {
            throw new ConfigurationException(String.join("; ", errors));
        }
        return new CachedEndpoints(Map.copyOf(byId));
    }

    public EndpointPolicy policy(String endpointId) {
        EndpointPolicy policy = byId.get(endpointId);
        if (policy == null) {
            throw new IllegalStateException("No cached endpoint " + endpointId + " was recorded at build time");
        }
        return policy;
    }

    public Collection<EndpointPolicy> all() {
        return byId.values();
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
