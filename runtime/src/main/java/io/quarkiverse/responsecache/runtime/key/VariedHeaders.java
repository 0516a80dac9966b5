package io.quarkiverse.responsecache.runtime.key;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;

/**
 * The request headers each endpoint's own responses named in {@code Vary} (RFC 9111 section 4.1), beyond those its
 * key recipe already holds. They are learned from the responses, remembered per endpoint in memory, and take part in
 * the keys of that endpoint from then on: a lookup stays one store round trip, and a stored response is found only by
 * requests whose varied headers have the values of the request that produced it.
 * <p>
 * A response is always stored under a key that holds every header its {@code Vary} names, so an instance that has not
 * learned them yet looks up a key without them, misses, computes, and learns: it can never be answered a response
 * meant for other header values. {@code Vary: *} is never stored.
 */
public final class VariedHeaders {

    /** Beyond this many varied headers per endpoint its responses are not stored: each would be an entry of its own. */
    static final int MAX_PER_ENDPOINT = 16;

    private static final Logger LOG = Logger.getLogger(VariedHeaders.class);

    private final ConcurrentHashMap<String, Set<String>> byEndpoint = new ConcurrentHashMap<>();

    /** @return the headers learned for the endpoint so far, lower case; an immutable snapshot */
    public Set<String> of(String endpointId) {
        Set<String> learned = byEndpoint.get(endpointId);
        return learned == null ? Set.of() : learned;
    }

    /**
     * Learns the headers a response of the endpoint varies on.
     *
     * @param varyValues the values of the response's {@code Vary} headers
     * @return the headers its key must hold (those learned, now including this response's), or null when the
     *         response must not be stored: it varies on everything ({@code *}) or on too many headers
     */
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

    /**
     * @param keyed the headers a request's key held beyond its recipe
     * @return whether a response with these {@code Vary} values may answer that request, its key being the one the
     *         response was computed for: every header it varies on took part in the key
     */
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

    /** @return the header names, lower case, or null for {@code *} */
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
