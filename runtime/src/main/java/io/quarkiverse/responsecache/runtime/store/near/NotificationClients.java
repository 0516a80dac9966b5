package io.quarkiverse.responsecache.runtime.store.near;

import java.net.URI;
import java.util.Locale;
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
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisReplicas;

/**
 * Redis clients for the notification connections, created from the very configuration of the Quarkus Redis client
 * the cache uses (hosts or hosts provider, credentials, TLS, proxy), since quarkus-redis-client offers no tracking of
 * its own and its pooled connections must never carry it. On a Redis Cluster, one client per master, configured the
 * same way but for that one node.
 */
final class NotificationClients {

    private NotificationClients() {
    }

    /** @return the configuration of the named Redis client ({@code <default>} for the default one), or null */
    static RedisClientConfig configuration(String clientName) {
        RedisConfig redis = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(RedisConfig.class);
        return redis.clients().get(clientName);
    }

    /** @return why the near cache cannot follow this client's Redis, or null when it can */
    static String unsupported(RedisClientConfig configuration) {
        if (configuration == null) {
            return "the Redis client's configuration was not found";
        }
        if (configuration.clientType() == RedisClientType.REPLICATION) {
            return "with client-type=replication, reads may come from replicas that lag behind the notifications";
        }
        if (configuration.clientType() == RedisClientType.CLUSTER
                && configuration.replicas().filter(replicas -> replicas != RedisReplicas.NEVER).isPresent()) {
            return "with replicas=" + configuration.replicas().get().name().toLowerCase(Locale.ROOT)
                    + " on Redis Cluster, reads may come from replicas that lag behind the notifications";
        }
        return null;
    }

    /** @return a factory of clients configured like the cache's, each with a pool of its own */
    static Supplier<Redis> factory(String clientName, RedisClientConfig configuration, Vertx vertx) {
        TlsConfigurationRegistry tls = Arc.container().instance(TlsConfigurationRegistry.class).get();
        ProxyConfigurationRegistry proxies = Arc.container().instance(ProxyConfigurationRegistry.class).get();
        return () -> VertxRedisClientFactory.create(clientName, vertx, configuration, tls, proxies);
    }

    /**
     * @return a factory of clients configured like the cache's but connected to the one node at {@code host:port}
     *         (a master of the cache's Redis Cluster), with the scheme and credentials of the cache's hosts
     */
    static Supplier<Redis> nodeFactory(String clientName, RedisClientConfig configuration, Vertx vertx, String host,
            int port) {
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
