package io.quarkiverse.responsecache.runtime.endpoint;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkiverse.responsecache.runtime.config.EndpointConfig;
import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.entry.EntryRules;

/**
 * How long an endpoint's responses may live before the response has a say.
 *
 * @param byStatus statuses listed here are stored whatever {@code cacheable-statuses} says
 * @param fromResponse whether a response's {@code s-maxage} or {@code max-age} sets its lifetime, capped by the above
 * @param jitter the largest part of a lifetime cut at random from each stored entry, from 0 (none) to below 1
 */
public record EndpointLifetimes(Duration expire, Map<Integer, Duration> byStatus, boolean fromResponse,
        double jitter) {

    /** The longest lifetime a status may be given: more is taken for milliseconds given as seconds. */
    public static final Duration LONGEST = Duration.ofDays(365);

    public EndpointLifetimes {
        byStatus = Map.copyOf(byStatus);
    }

    /** The global lifetimes, then the annotation's, then the endpoint's configuration: the most specific wins. */
    static EndpointLifetimes of(CachedEndpoint endpoint, ResponseCacheConfig config, Duration expire,
            EndpointConfig overrides) {
        Map<Integer, Duration> byStatus = new HashMap<>(config.expireByStatus());
        endpoint.expireByStatusSeconds().forEach((status, seconds) -> byStatus.put(status, Duration.ofSeconds(seconds)));
        boolean fromResponse = endpoint.expireFromResponse();
        String jitter = config.expireJitter();
        if (overrides != null) {
            byStatus.putAll(overrides.expireByStatus());
            fromResponse = overrides.expireFromResponse().orElse(fromResponse);
            jitter = overrides.expireJitter().orElse(jitter);
        }
        return new EndpointLifetimes(expire, byStatus, fromResponse, jitter(jitter));
    }

    public Duration forStatus(int status) {
        // most endpoints list no status: no boxing of it then
        Duration listed = byStatus.isEmpty() ? null : byStatus.get(status);
        return listed != null ? listed : expire;
    }

    /** @return whether {@code status} has a lifetime of its own, which makes it cacheable for the endpoint */
    public boolean lists(int status) {
        return !byStatus.isEmpty() && byStatus.containsKey(status);
    }

    public Duration longest() {
        Duration longest = expire;
        for (Duration lifetime : byStatus.values()) {
            longest = lifetime.compareTo(longest) > 0 ? lifetime : longest;
        }
        return longest;
    }

    /** @return {@code "10%"} as 0.1; anything else, {@link #checkJitter} reported at startup, as none */
    static double jitter(String percentage) {
        String value = percentage.trim();
        if (!value.endsWith("%")) {
            return 0;
        }
        try {
            double percent = Double.parseDouble(value.substring(0, value.length() - 1).trim());
            return percent >= 0 && percent < 100 ? percent / 100 : 0;
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }

    static void checkJitter(String property, String value, List<String> errors) {
        String trimmed = value.trim();
        if (jitter(trimmed) == 0 && !trimmed.matches("0+(\\.0*)?\\s*%")) {
            errors.add(property + "=" + value + " must be a percentage from 0% to below 100%, e.g. 10%");
        }
    }

    /** Adds to {@code errors} every per-status lifetime of {@code property} that no response could have. */
    static void checkByStatus(String property, Map<Integer, Duration> byStatus, List<String> errors) {
        Set<Integer> neverStored = EntryRules.neverStored(byStatus.keySet());
        for (Map.Entry<Integer, Duration> listed : byStatus.entrySet()) {
            String setting = property + ".\"" + listed.getKey() + "\"=" + listed.getValue();
            Duration lifetime = listed.getValue();
            if (neverStored.contains(listed.getKey())) {
                errors.add(setting + " names a status the cache never stores (1xx, 204, 205, 206 and 304 have no"
                        + " response to replay to another request): remove it");
            } else if (lifetime.isZero() || lifetime.isNegative()) {
                errors.add(setting + " must be longer than zero (to store no response of a status, leave it out)");
            } else if (lifetime.compareTo(LONGEST) > 0) {
                errors.add(setting + " is longer than a year: give it in seconds, minutes or hours (30s, 10m, 1h)");
            }
        }
    }
}
