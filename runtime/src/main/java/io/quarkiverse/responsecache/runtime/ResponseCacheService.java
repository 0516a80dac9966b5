package io.quarkiverse.responsecache.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.mapping.RuntimeResource;

import io.quarkiverse.responsecache.ResponseCacheKeyBuilder;
import io.quarkiverse.responsecache.ResponseCacheKeyInput;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.client.config.RedisConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * The response cache's runtime state, shared by the handlers of every cached endpoint: the configuration read once,
 * the key builder, the store and its health, and the computations in flight.
 */
@Singleton
public class ResponseCacheService {

    private static final Logger LOG = Logger.getLogger(ResponseCacheService.class);

    private final ResponseCacheConfig config;
    private final boolean enabled;
    private final Set<Integer> cacheableStatuses;
    private final String xCacheHeader;
    private final String cacheStatusName;
    private final long maxBodySize;
    private final boolean honorsRequestDirectives;
    private final ResponseCacheKeyBuilder keyBuilder;
    private final String prefix;
    private final ResponseStore store;
    private final StoreHealth health;
    /** Keys being computed by a request of this instance, with the future their waiters subscribe to. */
    private final Map<String, CompletableFuture<CachedResponse>> flights = new ConcurrentHashMap<>();

    @Inject
    public ResponseCacheService(ResponseCacheConfig config, ResponseCacheBuildTimeConfig buildTimeConfig,
            ResponseCacheKeyBuilder keyBuilder) {
        this.config = config;
        this.enabled = config.enabled();
        this.cacheableStatuses = Set.copyOf(config.cacheableStatuses());
        this.xCacheHeader = config.xCacheHeader().enabled() ? config.xCacheHeader().name() : null;
        this.cacheStatusName = config.cacheStatusHeader().enabled() ? config.cacheStatusHeader().cacheName() : null;
        this.maxBodySize = config.maxBodySize().asLongValue();
        this.honorsRequestDirectives = config.requestCacheControl() == ResponseCacheConfig.RequestDirectives.HONOR;
        this.keyBuilder = keyBuilder;
        this.prefix = config.prefix();
        this.store = createStore(config, buildTimeConfig.redisClientName().orElse(RedisConfig.DEFAULT_CLIENT_NAME));
        this.health = new StoreHealth(config.circuitBreaker().failureThreshold(),
                config.circuitBreaker().openDuration());
    }

    /** Chooses the store, and says which, once: the choice decides whether instances share their responses. */
    private static ResponseStore createStore(ResponseCacheConfig config, String clientName) {
        InjectableInstance<ReactiveRedisDataSource> redis = RedisConfig.isDefaultClient(clientName)
                ? Arc.container().select(ReactiveRedisDataSource.class)
                : Arc.container().select(ReactiveRedisDataSource.class, RedisClientName.Literal.of(clientName));
        boolean redisConfigured = redis.isResolvable() && redis.getHandle().getBean().isActive();
        String client = RedisConfig.isDefaultClient(clientName) ? "the default Redis client"
                : "the Redis client '" + clientName + "'";
        ResponseCacheConfig.StoreType type = config.store();
        if (type == ResponseCacheConfig.StoreType.REDIS && !redisConfigured) {
            throw new IllegalStateException("quarkus.response-cache.store=redis, but " + client
                    + " is not configured: set its hosts (quarkus.redis.hosts, or quarkus.redis.<name>.hosts), or use"
                    + " quarkus.response-cache.store=memory");
        }
        if (type == ResponseCacheConfig.StoreType.MEMORY || !redisConfigured) {
            LOG.infof("Response cache: responses are stored in this process's memory (at most %d, not shared between"
                    + " instances)%s", config.memory().maxEntries(),
                    type == ResponseCacheConfig.StoreType.MEMORY ? ""
                            : "; configure " + client + " (quarkus.redis.hosts) to store them in Redis");
            return new MemoryResponseStore(config.memory().maxEntries());
        }
        LOG.infof("Response cache: responses are stored in Redis through %s", client);
        return new RedisResponseStore(redis.get());
    }

    /** Creates the service, and so chooses and announces the store, when the application starts. */
    void onStart(@Observes StartupEvent start) {
        LOG.debugf("Response cache ready, prefix '%s'", prefix);
    }

    boolean enabled() {
        return enabled;
    }

    boolean honorsRequestDirectives() {
        return honorsRequestDirectives;
    }

    long maxBodySize() {
        return maxBodySize;
    }

    boolean isCacheableStatus(int status) {
        return cacheableStatuses.contains(status);
    }

    /** @return whether {@code name} is one of the headers the cache writes itself on every response */
    boolean isCacheStatusHeader(String name) {
        return (xCacheHeader != null && xCacheHeader.equalsIgnoreCase(name))
                || (cacheStatusName != null && "Cache-Status".equalsIgnoreCase(name));
    }

    EndpointPolicy policy(CachedEndpoint endpoint) {
        return EndpointPolicy.of(endpoint, config);
    }

    String key(EndpointPolicy policy, ResteasyReactiveRequestContext request, String principal) {
        CachedEndpoint endpoint = policy.endpoint();
        ResponseCacheKeyInput.Builder input = ResponseCacheKeyInput.forEndpoint(endpoint.getId())
                .namespace(endpoint.getNamespace())
                .path(request.getPath())
                .principal(principal);
        Set<String> keptParameters = policy.queryParameters();
        for (Map.Entry<String, List<String>> parameter : request.serverRequest().getQueryParamsMap().entrySet()) {
            if (keptParameters == null || keptParameters.contains(parameter.getKey())) {
                for (String value : parameter.getValue()) {
                    input.queryParameter(parameter.getKey(), value);
                }
            }
        }
        for (String header : policy.varyHeaders()) {
            input.varyHeader(header, request.serverRequest().getRequestHeader(header));
        }
        if (endpoint.isNegotiatesMediaType()) {
            input.mediaType(negotiatedMediaType(request));
        }
        return keyBuilder.build(input.build());
    }

    /** @return the media type the endpoint will produce for this request's {@code Accept} */
    private static String negotiatedMediaType(ResteasyReactiveRequestContext request) {
        RuntimeResource target = request.getTarget();
        if (target == null || target.getProduces() == null) {
            return "";
        }
        var negotiated = target.getProduces()
                .negotiateProduces(request.serverRequest().getRequestHeader("Accept")).getKey();
        return negotiated == null ? "" : negotiated.toString();
    }

    /** @return whether the store may be asked now, or the breaker says to bypass it */
    boolean storeAvailable() {
        return health.allowsCall();
    }

    /**
     * @return the stored response, a null item on a miss or an undecodable entry, or a failure when the store did
     *         not answer within the lookup timeout
     */
    Uni<CachedResponse> lookup(String key) {
        return store.get(key)
                .ifNoItem().after(config.lookupTimeout()).fail()
                .onItemOrFailure().invoke((item, failure) -> report(failure))
                .map(CachedResponseCodec::decode);
    }

    /**
     * Hands the response to the requests waiting for it, and writes the entry without delaying anyone, indexed by its
     * namespace and tags. The key stays marked as computed (its waiters get the response at once) until the write is
     * done, so a request arriving in between does not compute it again; then the lock, if any, is released.
     */
    void store(CacheExchange exchange, CachedResponse response, List<String> tags) {
        CompletableFuture<CachedResponse> flight = exchange.flight;
        exchange.flight = null;
        exchange.storing = true;
        if (flight != null) {
            flight.complete(response);
        }
        store.put(exchange.key, CachedResponseCodec.encode(response), exchange.policy.retention(),
                memberships(exchange.key, exchange.policy.endpoint().getNamespace(), tags))
                .ifNoItem().after(config.writeTimeout()).fail()
                .onItemOrFailure().invoke((item, failure) -> report(failure))
                .onTermination().invoke(() -> {
                    if (flight != null) {
                        flights.remove(exchange.key, flight);
                    }
                })
                .onTermination().call(() -> unlock(exchange))
                .subscribe().with(ignored -> {
                }, ignored -> {
                });
    }

    // --- indexes, for eviction

    /** An entry belongs to its namespace's index and its tags' indexes; each namespace index to the registry. */
    private Map<String, String> memberships(String key, String namespace, List<String> tags) {
        Map<String, String> memberships = new HashMap<>(4 + tags.size());
        String namespaceIndex = namespaceIndex(namespace);
        memberships.put(namespaceIndex, key);
        memberships.put(namespaceRegistry(), namespaceIndex);
        for (String tag : tags) {
            memberships.put(tagIndex(tag), key);
        }
        return memberships;
    }

    // index names start with "<prefix>#", entries with "<prefix>:", so they never collide
    private String namespaceIndex(String namespace) {
        return prefix + "#ns:" + namespace;
    }

    private String tagIndex(String tag) {
        return prefix + "#tag:" + tag;
    }

    private String namespaceRegistry() {
        return prefix + "#namespaces";
    }

    Uni<Long> evictKey(String key) {
        return store.delete(key);
    }

    Uni<Long> evictTag(String tag) {
        return store.evictIndex(tagIndex(tag));
    }

    Uni<Long> evictNamespace(String namespace) {
        return store.evictIndex(namespaceIndex(namespace));
    }

    Uni<Long> evictAll() {
        String registry = namespaceRegistry();
        return store.members(registry).chain(namespaceIndexes -> {
            List<Uni<Long>> evictions = new ArrayList<>();
            for (String namespaceIndex : namespaceIndexes) {
                evictions.add(store.evictIndex(namespaceIndex));
            }
            return evictions.isEmpty() ? Uni.createFrom().item(0L)
                    : Uni.join().all(evictions).andFailFast()
                            .map(counts -> counts.stream().mapToLong(Long::longValue).sum());
        }).call(() -> store.evictIndex(registry));
    }

    void report(Throwable failure) {
        if (failure == null) {
            health.succeeded();
        } else {
            health.failed(failure);
        }
    }

    // --- one computation per key in this instance

    /**
     * @return null when the caller is now the one computing {@code key} (and must finish it), else the future of the
     *         request already computing it
     */
    CompletableFuture<CachedResponse> joinFlight(CacheExchange exchange) {
        if (!config.coalescing().enabled()) {
            return null;
        }
        CompletableFuture<CachedResponse> mine = new CompletableFuture<>();
        CompletableFuture<CachedResponse> existing = flights.putIfAbsent(exchange.key, mine);
        if (existing == null) {
            exchange.flight = mine;
        }
        return existing;
    }

    Duration coalescingTimeout() {
        return config.coalescing().timeout();
    }

    /** Hands the response (or null: compute it yourselves) to the requests waiting for this one. */
    void finishFlight(CacheExchange exchange, CachedResponse response) {
        CompletableFuture<CachedResponse> flight = exchange.flight;
        if (flight != null) {
            exchange.flight = null;
            flights.remove(exchange.key, flight);
            flight.complete(response);
        }
    }

    // --- one computation per key across instances

    boolean distributedLockEnabled() {
        return config.distributedLock().enabled();
    }

    Duration lockWait() {
        return config.distributedLock().maxWait();
    }

    /** @return whether the lock of the exchange's key was taken; a store failure counts as taken (fail open) */
    Uni<Boolean> tryLock(CacheExchange exchange) {
        String token = UUID.randomUUID().toString();
        return store.tryLock(lockKey(exchange.key), token, config.distributedLock().lease())
                .ifNoItem().after(config.lookupTimeout()).fail()
                .onItemOrFailure().invoke((item, failure) -> report(failure))
                .onItem().invoke(taken -> {
                    if (taken) {
                        exchange.lockToken = token;
                    }
                })
                .onFailure().recoverWithItem(true);
    }

    Uni<Void> unlock(CacheExchange exchange) {
        String token = exchange.lockToken;
        if (token == null) {
            return Uni.createFrom().voidItem();
        }
        exchange.lockToken = null;
        return store.unlock(lockKey(exchange.key), token)
                .ifNoItem().after(config.writeTimeout()).fail()
                .onFailure().recoverWithNull();
    }

    private static String lockKey(String key) {
        return key + ":lock";
    }

    // --- headers

    /**
     * Writes the cache-status headers: {@code X-Cache} (or its configured name) and RFC 9211 {@code Cache-Status}.
     *
     * @param ttlSeconds the freshness left, for a hit (negative when stale)
     */
    void statusHeaders(BiConsumer<String, String> headers, CacheExchange exchange, boolean stored, long ttlSeconds) {
        if (xCacheHeader != null) {
            headers.accept(xCacheHeader, exchange.outcome.name());
        }
        if (cacheStatusName != null) {
            StringBuilder value = new StringBuilder(64).append(cacheStatusName);
            if (exchange.outcome == CacheExchange.Outcome.HIT) {
                value.append("; hit; ttl=").append(ttlSeconds);
            } else {
                value.append("; fwd=").append(exchange.forward);
                if (stored) {
                    value.append("; stored");
                }
            }
            if (exchange.detail != null) {
                value.append("; detail=").append(exchange.detail);
            }
            headers.accept("Cache-Status", value.toString());
        }
    }
}
