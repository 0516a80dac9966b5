package io.quarkiverse.responsecache.runtime.store.redis;

import java.util.function.Supplier;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.arc.Arc;
import io.quarkus.proxy.ProxyConfigurationRegistry;
import io.quarkus.redis.runtime.client.VertxRedisClientFactory;
import io.quarkus.redis.runtime.client.config.RedisClientConfig;
import io.quarkus.redis.runtime.client.config.RedisConfig;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.smallrye.config.SmallRyeConfig;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/**
 * Clients configured like the Quarkus Redis client the cache uses, for the connections its pool cannot give (a near
 * cache's notification connection, one per master of a cluster).
 */
public final class RedisClients {

    private RedisClients() {
    }

    /** @return the configuration of the named Redis client ({@code <default>} for the default one), or null */
    public static RedisClientConfig configuration(String clientName) {
        RedisConfig redis = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(RedisConfig.class);
        return redis.clients().get(clientName);
    }

    public static Supplier<Redis> factory(String clientName, RedisClientConfig configuration, Vertx vertx) {
        TlsConfigurationRegistry tls = Arc.container().instance(TlsConfigurationRegistry.class).get();
        ProxyConfigurationRegistry proxies = Arc.container().instance(ProxyConfigurationRegistry.class).get();
        return () -> VertxRedisClientFactory.create(clientName, vertx, configuration, tls, proxies);
    }

    /** Clients connected to the one node {@code host:port}, from the options of the cache's client. */
    public static Supplier<Redis> nodeFactory(String clientName, RedisClientConfig configuration, Vertx vertx,
            String host, int port) {
        CacheClientOptions resolved = Arc.container().instance(CacheClientOptions.class).get();
        return () -> {
            RedisOptions node = resolved.forNode(clientName, host, port);
            if (node == null) {
                // the cache's client was not created yet: creating one resolves (and records) its options
                factory(clientName, configuration, vertx).get().close();
                node = resolved.forNode(clientName, host, port);
            }
            return Redis.createClient(vertx, node);
        };
    }
}
