package io.quarkiverse.responsecache.runtime.store.redis;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import io.quarkus.redis.runtime.client.config.NetConfig;
import io.quarkus.redis.runtime.client.config.RedisClientConfig;
import io.quarkus.redis.runtime.client.config.TlsConfig;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisClusterTransactions;
import io.vertx.redis.client.RedisReplicas;
import io.vertx.redis.client.RedisRole;
import io.vertx.redis.client.RedisTopology;

/**
 * The configuration of the cache's Redis client, except that it names one node and is a standalone client: what the
 * connections to one master of a cluster (the near cache's notifications, an eviction's pipelined tombstones) are
 * created from, so that they get the very credentials, TLS, proxy and TCP settings (and
 * {@code RedisOptionsCustomizer}s) of the cache's client. Written out rather than a {@link java.lang.reflect.Proxy},
 * which a native image would need registered.
 */
final class OneNodeClientConfig implements RedisClientConfig {

    private final RedisClientConfig cache;
    private final URI node;

    /**
     * @param cache the cache's client configuration
     * @param node the node's URI, carrying the scheme, user and password of the cache's hosts
     */
    OneNodeClientConfig(RedisClientConfig cache, URI node) {
        this.cache = cache;
        this.node = node;
    }

    /**
     * @param template one of the cache's configured hosts: its scheme ({@code redis} or {@code rediss}), user info and
     *        query are kept
     * @return the URI of the node at {@code host:port}, without a database (a cluster has only database 0)
     */
    static URI nodeUri(URI template, String host, int port) {
        String userInfo = template.getRawUserInfo();
        String query = template.getRawQuery();
        return URI.create(template.getScheme() + "://" + (userInfo == null ? "" : userInfo + "@")
                + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port
                + (query == null ? "" : "?" + query));
    }

    @Override
    public Optional<Set<URI>> hosts() {
        return Optional.of(Set.of(node));
    }

    @Override
    public Optional<String> hostsProviderName() {
        return Optional.empty();
    }

    @Override
    public RedisClientType clientType() {
        return RedisClientType.STANDALONE;
    }

    @Override
    public Optional<String> masterName() {
        return Optional.empty();
    }

    @Override
    public Optional<RedisRole> role() {
        return Optional.empty();
    }

    @Override
    public Optional<RedisReplicas> replicas() {
        return Optional.empty();
    }

    @Override
    public Optional<RedisTopology> topology() {
        return Optional.empty();
    }

    @Override
    public Optional<RedisClusterTransactions> clusterTransactions() {
        return Optional.empty();
    }

    // everything else as the cache's client has it

    @Override
    public boolean active() {
        return cache.active();
    }

    @Override
    public Duration timeout() {
        return cache.timeout();
    }

    @Override
    public Optional<String> password() {
        return cache.password();
    }

    @Override
    public int maxPoolSize() {
        return cache.maxPoolSize();
    }

    @Override
    public int maxPoolWaiting() {
        return cache.maxPoolWaiting();
    }

    @Override
    public Optional<Duration> poolCleanerInterval() {
        return cache.poolCleanerInterval();
    }

    @Override
    public Optional<Duration> poolRecycleTimeout() {
        return cache.poolRecycleTimeout();
    }

    @Override
    public int maxWaitingHandlers() {
        return cache.maxWaitingHandlers();
    }

    @Override
    public int maxNestedArrays() {
        return cache.maxNestedArrays();
    }

    @Override
    public int reconnectAttempts() {
        return cache.reconnectAttempts();
    }

    @Override
    public Duration reconnectInterval() {
        return cache.reconnectInterval();
    }

    @Override
    public boolean protocolNegotiation() {
        return cache.protocolNegotiation();
    }

    @Override
    public Optional<ProtocolVersion> preferredProtocolVersion() {
        return cache.preferredProtocolVersion();
    }

    @Override
    public Duration hashSlotCacheTtl() {
        return cache.hashSlotCacheTtl();
    }

    @Override
    public Optional<Duration> topologyCacheTtl() {
        return cache.topologyCacheTtl();
    }

    @Override
    public boolean autoFailover() {
        return cache.autoFailover();
    }

    @Override
    public NetConfig tcp() {
        return cache.tcp();
    }

    @Override
    public TlsConfig tls() {
        return cache.tls();
    }

    @Override
    public Optional<String> clientName() {
        return cache.clientName();
    }

    @Override
    public Boolean configureClientName() {
        return cache.configureClientName();
    }

    @Override
    public Optional<String> tlsConfigurationName() {
        return cache.tlsConfigurationName();
    }
}
