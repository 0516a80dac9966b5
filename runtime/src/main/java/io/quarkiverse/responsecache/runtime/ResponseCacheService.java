package io.quarkiverse.responsecache.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

import io.quarkiverse.responsecache.ResponseCacheKeyBuilder;
import io.quarkiverse.responsecache.ResponseCacheKeyInput;
import io.quarkus.arc.Arc;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.client.config.RedisConfig;
import io.smallrye.mutiny.Uni;

/**
 * The response cache's runtime state, shared by the handlers of every cached endpoint: configuration read once,
 * the key builder, the store, and the store's health as seen by requests.
 */
@Singleton
public class ResponseCacheService {

    private static final Logger LOG = Logger.getLogger(ResponseCacheService.class);

    private final boolean enabled;
    private final Duration defaultExpire;
    private final Set<Integer> cacheableStatuses;
    private final String cacheStatusHeader;
    private final Duration lookupTimeout;
    private final ResponseCacheKeyBuilder keyBuilder;
    private final ResponseStore store;
    /** Flips on each change of the store's health, so a dead store logs one line, not one per request. */
    private final AtomicBoolean storeHealthy = new AtomicBoolean(true);

    @Inject
    public ResponseCacheService(ResponseCacheConfig config, ResponseCacheBuildTimeConfig buildTimeConfig,
            ResponseCacheKeyBuilder keyBuilder) {
        this.enabled = config.enabled();
        this.defaultExpire = config.defaultExpire();
        this.cacheableStatuses = Set.copyOf(config.cacheableStatuses());
        this.cacheStatusHeader = config.cacheStatusHeader();
        this.lookupTimeout = config.lookupTimeout();
        this.keyBuilder = keyBuilder;
        this.store = new RedisResponseStore(redis(buildTimeConfig.redisClientName().orElse(RedisConfig.DEFAULT_CLIENT_NAME)));
    }

    private static ReactiveRedisDataSource redis(String clientName) {
        if (RedisConfig.isDefaultClient(clientName)) {
            return Arc.container().instance(ReactiveRedisDataSource.class).get();
        }
        return Arc.container().instance(ReactiveRedisDataSource.class, RedisClientName.Literal.of(clientName)).get();
    }

    boolean enabled() {
        return enabled;
    }

    String cacheStatusHeader() {
        return cacheStatusHeader;
    }

    boolean isCacheableStatus(int status) {
        return cacheableStatuses.contains(status);
    }

    Duration expire(CachedEndpoint endpoint) {
        return endpoint.getExpireSeconds() > 0 ? Duration.ofSeconds(endpoint.getExpireSeconds()) : defaultExpire;
    }

    String key(CachedEndpoint endpoint, ResteasyReactiveRequestContext request) {
        ResponseCacheKeyInput.Builder input = ResponseCacheKeyInput.forEndpoint(endpoint.getId())
                .namespace(endpoint.getNamespace())
                .path(request.getPath());
        for (Map.Entry<String, List<String>> parameter : request.serverRequest().getQueryParamsMap().entrySet()) {
            for (String value : parameter.getValue()) {
                input.queryParameter(parameter.getKey(), value);
            }
        }
        return keyBuilder.build(input.build());
    }

    /**
     * @return the stored response, a null item on a miss or an undecodable entry, or a failure when the store did
     *         not answer within the lookup timeout
     */
    Uni<CachedResponse> lookup(String key) {
        return store.get(key)
                .ifNoItem().after(lookupTimeout).fail()
                .map(CachedResponseCodec::decode)
                .invoke(this::storeAnswered);
    }

    void store(String key, CachedResponse response) {
        long ttlMillis = response.expiresAtMillis() - response.storedAtMillis();
        store.put(key, CachedResponseCodec.encode(response), Duration.ofMillis(ttlMillis))
                .subscribe().with(this::storeAnswered, this::storeFailed);
    }

    private void storeAnswered(Object ignored) {
        if (storeHealthy.compareAndSet(false, true)) {
            LOG.info("The response cache store answers again; cached responses are served again");
        }
    }

    void storeFailed(Throwable failure) {
        if (storeHealthy.compareAndSet(true, false)) {
            LOG.warnf("The response cache store failed (%s); requests are served uncached until it answers again",
                    failure.toString());
        } else {
            LOG.debugf(failure, "The response cache store failed again");
        }
    }
}
