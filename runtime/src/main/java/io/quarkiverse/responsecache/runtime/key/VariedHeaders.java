package io.quarkiverse.responsecache.runtime.key;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;

/**
 * The request headers each endpoint's own responses named in {@code Vary}, learned per endpoint in memory, which take
 * part in its keys from then on. See architecture.adoc, section "Headers a response varies on".
 */
public final class VariedHeaders {

    /** Beyond this many per endpoint, responses are not stored: each would be an entry of its own. */
    static final int MAX_PER_ENDPOINT = 16;

    private static final Logger LOG = Logger.getLogger(VariedHeaders.class);

    private final ConcurrentHashMap<String, Set<String>> byEndpoint = new ConcurrentHashMap<>();

    public Set<String> of(String endpointId) {
        Set<String> learned = byEndpoint.get(endpointId);
        return learned == null ? Set.of() : learned;
    }

    /** @return the headers its key must hold, or null when the response must not be stored ({@code *}, too many) */
    public Set<String> learn(EndpointPolicy policy, Collection<String> varyValues) {
        Set<String> named = parse(varyValues);
        if (named == null) {
            return null;
        }
        String endpointId = policy.endpoint().id();
        Set<String> known = of(endpointId);
        named.removeAll(policy.varyHeaders());
        if (policy.endpoint().negotiatesMediaType()) {
            named.remove("accept");
        }
        if (known.containsAll(named)) {
            return known;
        }
        Set<String> learned = byEndpoint.compute(endpointId, (id, before) -> {
            Set<String> merged = new LinkedHashSet<>(before == null ? Set.of() : before);
            merged.addAll(named);
            return Set.copyOf(merged);
        });
        if (learned.size() > MAX_PER_ENDPOINT) {
            byEndpoint.put(endpointId, known);
            LOG.warnf("Responses of cached endpoint %s vary on more than %d request headers %s: they are not stored",
                    policy.endpoint().name(), MAX_PER_ENDPOINT, learned);
            return null;
        }
        LOG.debugf("Cached endpoint %s varies on %s: they take part in its keys", policy.endpoint().name(), learned);
        return learned;
    }

    /** @return whether every header the response varies on took part in the request's key */
    public static boolean covers(EndpointPolicy policy, Set<String> keyed, Collection<String> varyValues) {
        Set<String> named = parse(varyValues);
        if (named == null) {
            return false;
        }
        named.removeAll(policy.varyHeaders());
        named.removeAll(keyed);
        if (policy.endpoint().negotiatesMediaType()) {
            named.remove("accept");
        }
        return named.isEmpty();
    }

    /** @return null for {@code *} */
    static Set<String> parse(Collection<String> varyValues) {
        Set<String> names = new LinkedHashSet<>();
        for (String value : varyValues) {
            if (value == null) {
                continue;
            }
            for (String name : value.split(",")) {
                String trimmed = name.trim();
                if (trimmed.equals("*")) {
                    return null;
                }
                if (!trimmed.isEmpty()) {
                    names.add(trimmed.toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }
}
