package io.quarkiverse.responsecache.runtime.store;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheBuildTimeConfig;
import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.store.memory.MemoryResponseStore;
import io.quarkiverse.responsecache.runtime.store.near.NearCacheTracking;
import io.quarkiverse.responsecache.runtime.store.redis.ClusterPipelines;
import io.quarkiverse.responsecache.runtime.store.redis.RedisClients;
import io.quarkiverse.responsecache.runtime.store.redis.RedisResponseStore;
import io.quarkiverse.responsecache.spi.ResponseCacheClock;
import io.quarkiverse.responsecache.spi.ResponseStore;
import io.quarkus.arc.DefaultBean;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.client.config.RedisClientConfig;
import io.quarkus.redis.runtime.client.config.RedisConfig;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisClientType;

/**
 * Chooses the store, unless the application declares a {@link ResponseStore} bean of its own, and says which, once:
 * the choice decides whether instances share their responses.
 */
@Singleton
public class ResponseStoreProducer {

    private static final Logger LOG = Logger.getLogger(ResponseStoreProducer.class);

    /** The Redis store's own connections to the masters of a Redis Cluster, if any: closed with the application. */
    private volatile ClusterPipelines clusterPipelines;

    @Produces
    @DefaultBean
    @Singleton
    ResponseStore responseStore(ResponseCacheConfig config, ResponseCacheBuildTimeConfig buildTimeConfig,
            @Any InjectableInstance<ReactiveRedisDataSource> redisClients, ResponseCacheClock clock,
            Instance<NearCacheTracking> nearCache, Vertx vertx) {
        String clientName = buildTimeConfig.redisClientName().orElse(RedisConfig.DEFAULT_CLIENT_NAME);
        ResponseCacheConfig.StoreType type = config.store();
        // the memory store never looks at the Redis client: its beans stay uncreated
        InjectableInstance<ReactiveRedisDataSource> redis = type == ResponseCacheConfig.StoreType.MEMORY ? null
                : RedisConfig.isDefaultClient(clientName) ? redisClients.select(Default.Literal.INSTANCE)
                        : redisClients.select(RedisClientName.Literal.of(clientName));
        boolean redisConfigured = redis != null && redis.isResolvable() && redis.getHandle().getBean().isActive();
        String client = RedisConfig.isDefaultClient(clientName) ? "the default Redis client"
                : "the Redis client '" + clientName + "'";
        if (type == ResponseCacheConfig.StoreType.REDIS && !redisConfigured) {
            throw new IllegalStateException("quarkus.response-cache.store=redis, but " + client
                    + " is not configured: set its hosts (quarkus.redis.hosts, or quarkus.redis.<name>.hosts), or use"
                    + " quarkus.response-cache.store=memory");
        }
        if (type == ResponseCacheConfig.StoreType.MEMORY || !redisConfigured) {
            long maxBytes = config.memory().maxSize().map(MemorySize::asLongValue)
                    .orElseGet(() -> MemoryResponseStore.defaultMaxBytes(Runtime.getRuntime().maxMemory()));
            // concatenated rather than formatted: a %d would load the JDK's locale data for this one line
            LOG.info("Response cache: responses are stored in this process's memory (at most "
                    + maxBytes / (1024 * 1024) + " MiB"
                    + (config.memory().maxSize().isPresent() ? ""
                            : ", " + MemoryResponseStore.DEFAULT_HEAP_SHARE_PERCENT + "% of the maximum heap")
                    + ", not shared between instances)"
                    + (type == ResponseCacheConfig.StoreType.MEMORY ? ""
                            : "; configure " + client + " (quarkus.redis.hosts) to store them in Redis"));
            return new MemoryResponseStore(maxBytes, clock);
        }
        LOG.infof("Response cache: responses are stored in Redis through %s", client);
        RedisClientConfig configuration = RedisClients.configuration(clientName);
        if (configuration != null && configuration.clientType() == RedisClientType.CLUSTER) {
            clusterPipelines = ClusterPipelines.of(redis.get(), clientName, configuration, vertx);
        }
        RedisResponseStore store = new RedisResponseStore(redis.get(), clusterPipelines);
        return config.nearCache().enabled() ? nearCache.get().inFrontOf(store, clientName, configuration, redis.get()) : store;
    }

    @PreDestroy
    void closeClusterPipelines() {
        if (clusterPipelines != null) {
            clusterPipelines.close();
        }
    }
}
