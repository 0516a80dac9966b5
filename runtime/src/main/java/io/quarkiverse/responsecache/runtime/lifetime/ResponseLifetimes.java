package io.quarkiverse.responsecache.runtime.lifetime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.responsecache.runtime.endpoint.EndpointLifetimes;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkiverse.responsecache.runtime.http.HttpCacheHeaders;
import io.quarkiverse.responsecache.spi.ResponseCachePolicy;

/**
 * How long a response about to be stored stays fresh: its status's lifetime, then its own {@code max-age}, the
 * {@link ResponseCachePolicy} beans and the jitter. Every step only shortens, so {@code EntryRules} can refuse a longer
 * expiry read back.
 */
@Singleton
public class ResponseLifetimes {

    private static final Logger LOG = Logger.getLogger(ResponseLifetimes.class);

    /** Resolved once: with no policy bean, a response costs no call and no allocation for it. */
    private final ResponseCachePolicy[] policies;
    private final DoubleSupplier random;
    /** So a failing policy logs once per endpoint, not per request. */
    private final Set<String> failuresLogged = ConcurrentHashMap.newKeySet();

    @Inject
    public ResponseLifetimes(@Any Instance<ResponseCachePolicy> policies) {
        this(policies.stream().toArray(ResponseCachePolicy[]::new), () -> ThreadLocalRandom.current().nextDouble());
    }

    public ResponseLifetimes(ResponseCachePolicy[] policies, DoubleSupplier random) {
        this.policies = policies.clone();
        this.random = random;
    }

    /** @return null when the response is not stored */
    public Duration of(EndpointPolicy endpoint, int status, List<Map.Entry<String, String>> headers, Object entity) {
        EndpointLifetimes lifetimes = endpoint.lifetimes();
        Duration lifetime = proposed(lifetimes, status, first(headers, "Cache-Control"));
        if (lifetime != null && policies.length > 0) {
            lifetime = asked(new Candidate(endpoint, status, headers, entity, lifetime));
        }
        return lifetime == null ? null : jittered(lifetime, lifetimes.jitter(), random.getAsDouble());
    }

    /** @return null when the response says {@code 0} */
    static Duration proposed(EndpointLifetimes lifetimes, int status, String cacheControl) {
        Duration lifetime = lifetimes.forStatus(status);
        if (!lifetimes.fromResponse()) {
            return lifetime;
        }
        // s-maxage speaks to shared caches, which this one is (RFC 9111 section 5.2.2.10)
        long seconds = HttpCacheHeaders.directiveSeconds(cacheControl, "s-maxage");
        if (seconds < 0) {
            seconds = HttpCacheHeaders.directiveSeconds(cacheControl, "max-age");
        }
        if (seconds < 0) {
            return lifetime;
        }
        return seconds == 0 ? null : shorter(lifetime, Duration.ofSeconds(seconds));
    }

    /** Only ever cuts: a spread around the lifetime would let entries outlive it, and tell clients a longer max-age. */
    static Duration jittered(Duration lifetime, double jitter, double random) {
        if (jitter <= 0) {
            return lifetime;
        }
        long millis = lifetime.toMillis();
        return Duration.ofMillis(Math.max(1, millis - (long) (millis * jitter * random)));
    }

    private Duration asked(Candidate candidate) {
        Duration decided = candidate.lifetime();
        ResponseCachePolicy asking = null;
        try {
            for (ResponseCachePolicy policy : policies) {
                asking = policy;
                Duration answer = policy.lifetime(candidate);
                if (answer == null) {
                    throw new NullPointerException("it answered null; Duration.ZERO refuses to store");
                }
                if (answer.isZero() || answer.isNegative()) {
                    return null;
                }
                decided = shorter(decided, answer);
            }
            return decided;
        } catch (RuntimeException failure) {
            if (failuresLogged.add(candidate.endpoint())) {
                LOG.warnf(failure, "Response cache: the ResponseCachePolicy %s failed on a %d response of endpoint %s;"
                        + " such responses are served and not stored. Logged once per endpoint",
                        asking.getClass().getName(), candidate.status(), candidate.endpoint());
            }
            return null;
        }
    }

    private static Duration shorter(Duration one, Duration other) {
        return other.compareTo(one) < 0 ? other : one;
    }

    private static String first(List<Map.Entry<String, String>> headers, String name) {
        List<String> values = HttpCacheHeaders.values(headers, name);
        return values.isEmpty() ? null : values.get(0);
    }

    private record Candidate(EndpointPolicy policy, int status, List<Map.Entry<String, String>> headers,
            Object entity, Duration lifetime) implements ResponseCachePolicy.Candidate {

        @Override
        public String endpoint() {
            return policy.endpoint().name();
        }

        @Override
        public String resourceMethod() {
            return policy.endpoint().id();
        }

        @Override
        public String header(String name) {
            return first(headers, name);
        }
    }
}
