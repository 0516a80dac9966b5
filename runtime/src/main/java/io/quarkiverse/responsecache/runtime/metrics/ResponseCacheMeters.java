package io.quarkiverse.responsecache.runtime.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoints;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkiverse.responsecache.runtime.observe.CacheOutcome;
import io.quarkiverse.responsecache.spi.ResponseCacheObserver;

/**
 * The cache's meters, named as Quarkus's own cache metrics (see observability.adoc), one set of tag keys per name as
 * Prometheus requires. Every endpoint's exist from startup, at zero; the rest are created once, then found without
 * allocating.
 */
@Singleton
public class ResponseCacheMeters implements ResponseCacheObserver {

    /** The {@code cache} tag of evictions that do not name a single endpoint (a key, a tag, everything). */
    static final String ANY_ENDPOINT = "*";

    private final MeterRegistry registry;
    /** Namespace to the name of the one endpoint using it; namespaces several endpoints share are absent. */
    private final Map<String, String> endpointOfNamespace;
    private final Map<String, EndpointMeters> endpoints = new ConcurrentHashMap<>();
    private final Map<String, Timer> lookups = new ConcurrentHashMap<>();
    private final Map<String, Counter> storeFailures = new ConcurrentHashMap<>();
    private final Map<String, Counter> evictions = new ConcurrentHashMap<>();
    private final Map<String, Counter> edgePurgeFailures = new ConcurrentHashMap<>();

    @Inject
    public ResponseCacheMeters(MeterRegistry registry, CachedEndpoints cachedEndpoints) {
        this(registry, namespaces(cachedEndpoints));
    }

    public ResponseCacheMeters(MeterRegistry registry, Map<String, String> namespaceByEndpoint) {
        this.registry = registry;
        Map<String, String> byNamespace = new HashMap<>();
        namespaceByEndpoint.forEach((name, namespace) -> {
            endpoint(name);
            eviction(name);
            byNamespace.merge(namespace, name, (one, other) -> one.equals(other) ? one : ANY_ENDPOINT);
        });
        byNamespace.values().removeIf(ANY_ENDPOINT::equals);
        this.endpointOfNamespace = Map.copyOf(byNamespace);
    }

    private static Map<String, String> namespaces(CachedEndpoints cachedEndpoints) {
        Map<String, String> namespaces = new HashMap<>();
        for (EndpointPolicy policy : cachedEndpoints.all()) {
            namespaces.put(policy.endpoint().name(), policy.endpoint().namespace());
        }
        return namespaces;
    }

    @Override
    public void answered(String endpoint, CacheOutcome outcome, String tier, String cacheStatus, long ageSeconds) {
        EndpointMeters meters = endpoint(endpoint);
        if (outcome != CacheOutcome.BYPASS) {
            (outcome.answeredFromCache() ? meters.hits : meters.misses).increment();
        }
        meters.requests(tier)[outcome.ordinal()].increment();
    }

    @Override
    public void lookedUp(String tier, long nanos, boolean found) {
        Timer timer = lookups.get(tier);
        if (timer == null) {
            timer = lookups.computeIfAbsent(tier, name -> Timer.builder("response.cache.lookup")
                    .description("Lookups in the response cache's store, by the tier asked")
                    .tag("tier", name)
                    .register(registry));
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void stored(String endpoint, int bytes) {
        EndpointMeters meters = endpoint(endpoint);
        meters.puts.increment();
        meters.entrySizes.record(bytes);
    }

    @Override
    public void storeFailed(String operation) {
        storeFailures.computeIfAbsent(operation, name -> Counter.builder("response.cache.store.failures")
                .description("Calls to the response cache's store that failed or timed out, by operation")
                .tag("operation", name)
                .register(registry)).increment();
    }

    @Override
    public void evicted(String kind, String name, long entries) {
        String endpoint = "namespace".equals(kind) ? endpointOfNamespace.getOrDefault(name, ANY_ENDPOINT)
                : ANY_ENDPOINT;
        eviction(endpoint).increment(entries);
    }

    @Override
    public void edgePurgeFailed(String layer) {
        edgePurgeFailures.computeIfAbsent(layer, name -> Counter.builder("response.cache.edge.purge.failures")
                .description("Purges of a layer in front of the application (HTTP cache, CDN) that failed or timed out")
                .tag("layer", name)
                .register(registry)).increment();
    }

    private Counter eviction(String endpoint) {
        return evictions.computeIfAbsent(endpoint, name -> Counter.builder("cache.evictions")
                .description("The number of entries evicted from the cache")
                .tag("cache", name)
                .register(registry));
    }

    private EndpointMeters endpoint(String name) {
        EndpointMeters meters = endpoints.get(name);
        return meters != null ? meters : endpoints.computeIfAbsent(name, EndpointMeters::new);
    }

    private final class EndpointMeters {

        private static final CacheOutcome[] OUTCOMES = CacheOutcome.values();

        final String name;
        final Counter hits;
        final Counter misses;
        final Counter puts;
        final DistributionSummary entrySizes;
        /** Per tier, a counter per {@link CacheOutcome}, by ordinal. */
        private final Map<String, Counter[]> requestsByTier = new ConcurrentHashMap<>();

        EndpointMeters(String name) {
            this.name = name;
            this.hits = Counter.builder("cache.gets")
                    .description("The number of times cache lookup methods have returned a cached value")
                    .tags("cache", name, "result", "hit")
                    .register(registry);
            this.misses = Counter.builder("cache.gets")
                    .description("The number of times cache lookup methods have returned an uncached value")
                    .tags("cache", name, "result", "miss")
                    .register(registry);
            this.puts = Counter.builder("cache.puts")
                    .description("The number of entries added to the cache")
                    .tag("cache", name)
                    .register(registry);
            this.entrySizes = DistributionSummary.builder("response.cache.entry.size")
                    .description("Body sizes of the responses stored")
                    .baseUnit("bytes")
                    .tag("cache", name)
                    .register(registry);
        }

        Counter[] requests(String tier) {
            Counter[] counters = requestsByTier.get(tier);
            return counters != null ? counters : requestsByTier.computeIfAbsent(tier, this::newRequestCounters);
        }

        private Counter[] newRequestCounters(String tier) {
            Counter[] counters = new Counter[OUTCOMES.length];
            for (CacheOutcome outcome : OUTCOMES) {
                counters[outcome.ordinal()] = Counter.builder("response.cache.requests")
                        .description("Requests to cached endpoints, by what the cache did and the tier that answered")
                        .tags("cache", name, "outcome", outcome.label(), "tier", tier)
                        .register(registry);
            }
            return counters;
        }
    }
}
