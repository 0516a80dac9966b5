package io.quarkiverse.responsecache.runtime.store.redis;

import java.net.URI;
import java.util.Set;
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

/**
 * Redis clients of the cache's own making, created from the very configuration of the Quarkus Redis client the cache
 * uses (hosts or hosts provider, credentials, TLS, proxy): for connections the pooled client cannot give, such as a
 * near cache's notification connection, or a connection to one master of a Redis Cluster.
 */
public final class RedisClients {

    private RedisClients() {
    }

    /** @return the configuration of the named Redis client ({@code <default>} for the default one), or null */
    public static RedisClientConfig configuration(String clientName) {
        RedisConfig redis = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(RedisConfig.class);
        return redis.clients().get(clientName);
    }

    /** @return a factory of clients configured like the cache's, each with a pool of its own */
    public static Supplier<Redis> factory(String clientName, RedisClientConfig configuration, Vertx vertx) {
        TlsConfigurationRegistry tls = Arc.container().instance(TlsConfigurationRegistry.class).get();
        ProxyConfigurationRegistry proxies = Arc.container().instance(ProxyConfigurationRegistry.class).get();
        return () -> VertxRedisClientFactory.create(clientName, vertx, configuration, tls, proxies);
    }

    /**
     * @return a factory of clients configured like the cache's but connected to the one node at {@code host:port}
     *         (a master of the cache's Redis Cluster), with the scheme and credentials of the cache's hosts
     */
    public static Supplier<Redis> nodeFactory(String clientName, RedisClientConfig configuration, Vertx vertx,
            String host, int port) {
        URI node = OneNodeClientConfig.nodeUri(configuredHost(configuration), host, port);
        return factory(clientName, new OneNodeClientConfig(configuration, node), vertx);
    }

    /** @return one of the hosts the client is configured with, or given by its hosts provider */
    private static URI configuredHost(RedisClientConfig configuration) {
        Set<URI> hosts = configuration.hosts().isPresent() ? configuration.hosts().get()
                : VertxRedisClientFactory.findProvider(configuration.hostsProviderName().orElse(null)).getHosts();
        return hosts.iterator().next();
    }
}
