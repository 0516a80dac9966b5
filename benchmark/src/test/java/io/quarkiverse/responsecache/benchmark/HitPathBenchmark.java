package io.quarkiverse.responsecache.benchmark;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import io.quarkiverse.responsecache.ResponseCacheKeyBuilder;
import io.quarkiverse.responsecache.ResponseCacheKeyInput;
import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoint;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.entry.CachedResponseCodec;
import io.quarkiverse.responsecache.runtime.http.HttpCacheHeaders;
import io.quarkiverse.responsecache.runtime.key.DefaultResponseCacheKeyBuilder;
import io.quarkiverse.responsecache.runtime.store.near.NearCache;
import io.quarkiverse.responsecache.runtime.time.SystemResponseCacheClock;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.WithDefault;

/**
 * The CPU work the extension does for one cache hit, outside Vert.x and Redis: building the key, decoding the stored
 * entry, computing the replayed headers and evaluating {@code If-None-Match}. Run with {@code -prof gc} for the bytes allocated
 * per operation.
 * <p>
 * {@code nearHit} is a hit the near cache answers from memory. {@code encode} and {@code strongETag} are the miss path,
 * for comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HitPathBenchmark {

    /** The 64-byte body of the load benchmark's small endpoint. */
    static final byte[] BODY = "{\"id\":42,\"name\":\"response cache benchmark\",\"status\":\"available\"}"
            .getBytes(StandardCharsets.UTF_8);
    static final String ENDPOINT_ID = "io.quarkiverse.responsecache.benchmark.BenchmarkResource#responseCacheHit";
    static final String NAMESPACE = "bench-small";
    static final String PATH = "/bench/response-cache-hit";

    private ResponseCacheKeyBuilder keyBuilder;
    private EndpointPolicy policy;
    private CachedResponse response;
    private byte[] entry;
    private String ifNoneMatch;
    private NearCache near;

    @Setup
    public void setUp() {
        ResponseCacheConfig config = defaults();
        keyBuilder = new DefaultResponseCacheKeyBuilder(config);
        CachedEndpoint endpoint = new CachedEndpoint(ENDPOINT_ID, "BenchmarkResource.responseCacheHit", NAMESPACE,
                List.of(), 3600, List.of(), List.of(), false, false, -1, -1);
        policy = EndpointPolicy.of(endpoint, config);
        long now = System.currentTimeMillis();
        response = new CachedResponse(200, now + 3_600_000, HttpCacheHeaders.strongETag(BODY),
                List.of(Map.entry("Content-Type", "text/plain;charset=UTF-8")), BODY);
        entry = CachedResponseCodec.encode(response);
        ifNoneMatch = "W/\"older-version\", " + response.etag();
        near = new NearCache(config, new SystemResponseCacheClock(),
                io.quarkiverse.responsecache.runtime.entry.EntryCodec.unsigned());
        near.enable();
        String nearKey = key();
        near.fill(nearKey, near.reserve(nearKey), entry);
    }

    private int newInputs;

    /** What RequestKeys.key does for an endpoint without query parameters nor vary headers. */
    @Benchmark
    public String key() {
        return keyBuilder.build(ResponseCacheKeyInput.forEndpoint(ENDPOINT_ID)
                .namespace(NAMESPACE)
                .path(PATH)
                .principal(null)
                .build());
    }

    /**
     * A key of an input never seen before (a path of its own each time, as a new URL's first request): the hash, and
     * the builder's memo of recent inputs updated. {@link #key()} is the same input again, as a popular URL's hits.
     */
    @Benchmark
    public String keyOfANewInput() {
        return keyBuilder.build(ResponseCacheKeyInput.forEndpoint(ENDPOINT_ID)
                .namespace(NAMESPACE)
                .path(PATH + (newInputs++))
                .principal(null)
                .build());
    }

    /** The same with two query parameters and one vary header. */
    @Benchmark
    public String keyWithQueryAndVary() {
        return keyBuilder.build(ResponseCacheKeyInput.forEndpoint(ENDPOINT_ID)
                .namespace(NAMESPACE)
                .path(PATH)
                .principal(null)
                .queryParameter("sort", "name")
                .queryParameter("page", "2")
                .varyHeader("Accept-Language", "en-GB")
                .build());
    }

    /** Turning the bytes of a Redis GET back into a response. */
    @Benchmark
    public CachedResponse decode() {
        return CachedResponseCodec.decode(entry);
    }

    /** The header values ResponseCacheStoreHandler computes for a hit without If-None-Match. */
    @Benchmark
    public void replayHeaders(Blackhole blackhole) {
        replayHeaders(response, null, blackhole);
    }

    /** If-None-Match with two tags, the second current: the 304 decision. */
    @Benchmark
    public boolean ifNoneMatch() {
        return HttpCacheHeaders.ifNoneMatchMatches(ifNoneMatch, response.etag());
    }

    /** The request Cache-Control checks the lookup handler makes, for a request that sends {@code max-age=0}. */
    @Benchmark
    public boolean requestDirectives() {
        return HttpCacheHeaders.hasDirective("max-age=0", "no-store")
                | HttpCacheHeaders.hasDirective("max-age=0", "no-cache");
    }

    /** All of a hit's own work together: key, decode, headers. */
    @Benchmark
    public void hit(Blackhole blackhole) {
        blackhole.consume(key());
        replayHeaders(CachedResponseCodec.decode(entry), null, blackhole);
    }

    /**
     * A hit the near cache answers: the key, the copy kept in memory (no Redis, no decoding), the headers. Compare with
     * {@link #hit}, whose decoding a near hit skips, and which leaves the Redis round trip out.
     */
    @Benchmark
    public void nearHit(Blackhole blackhole) {
        replayHeaders(near.hit(key()), null, blackhole);
    }

    /** Miss path, for comparison: the entry written to Redis. */
    @Benchmark
    public byte[] encode() {
        return CachedResponseCodec.encode(response);
    }

    /** Miss path, for comparison: the ETag of the body. */
    @Benchmark
    public String strongETag() {
        return HttpCacheHeaders.strongETag(BODY);
    }

    private void replayHeaders(CachedResponse stored, String ifNoneMatchHeader, Blackhole blackhole) {
        long now = System.currentTimeMillis();
        for (Map.Entry<String, String> header : stored.headers()) {
            blackhole.consume(header.getKey());
            blackhole.consume(header.getValue());
        }
        long ttl = stored.ttlSeconds(now);
        blackhole.consume(stored.etag());
        blackhole.consume(policy.cacheControl(Math.max(0, ttl)));
        blackhole.consume(Long.toString(stored.ageSeconds(now, 3_600_000)));
        blackhole.consume(HttpCacheHeaders.ifNoneMatchMatches(ifNoneMatchHeader, stored.etag()));
    }

    /** The configuration as an application without any {@code quarkus.response-cache.*} property sees it. */
    private static ResponseCacheConfig defaults() {
        return defaults(ResponseCacheConfig.class);
    }

    /** A config mapping answering every method with its {@code @WithDefault}, or with nothing (empty, absent). */
    private static <T> T defaults(Class<T> mapping) {
        return mapping.cast(Proxy.newProxyInstance(HitPathBenchmark.class.getClassLoader(), new Class<?>[] { mapping },
                (proxy, method, args) -> {
                    Class<?> type = method.getReturnType();
                    WithDefault value = method.getAnnotation(WithDefault.class);
                    if (value != null) {
                        return convert(value.value(), type);
                    }
                    if (type == Optional.class) {
                        return Optional.empty();
                    }
                    // the null-tolerant empty collections: Map.of().get(null) throws
                    if (type == Map.class) {
                        return Collections.emptyMap();
                    }
                    if (type == List.class) {
                        return Collections.emptyList();
                    }
                    if (type == Set.class) {
                        return Collections.emptySet();
                    }
                    if (type.isInterface()) {
                        return defaults(type);
                    }
                    throw new UnsupportedOperationException(method.getName());
                }));
    }

    private static Object convert(String value, Class<?> type) {
        if (type == String.class) {
            return value;
        } else if (type == boolean.class) {
            return Boolean.parseBoolean(value);
        } else if (type == int.class) {
            return Integer.parseInt(value);
        } else if (type == long.class) {
            return Long.parseLong(value);
        } else if (type == Duration.class) {
            return DurationConverter.parseDuration(value);
        } else if (type == MemorySize.class) {
            return new MemorySizeConverter().convert(value);
        } else if (type == Set.class) {
            return Set.of(value.split(",")).stream().map(Integer::valueOf).collect(Collectors.toSet());
        } else if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().replace('_', '-').equalsIgnoreCase(value)) {
                    return constant;
                }
            }
        }
        throw new UnsupportedOperationException("default " + value + " of type " + type);
    }
}
