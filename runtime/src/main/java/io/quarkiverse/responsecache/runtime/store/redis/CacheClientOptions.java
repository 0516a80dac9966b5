package io.quarkiverse.responsecache.runtime.store.redis;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.quarkus.redis.client.RedisOptionsCustomizer;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;

/**
 * The options each Quarkus Redis client was created with, after every customizer: copied for the connections to one
 * node, so that no client setting a Quarkus version adds is missed.
 */
@Singleton
public class CacheClientOptions implements RedisOptionsCustomizer {

    /** Read only when a node's options are derived, so customizers that run after this one are seen too. */
    private final Map<String, RedisOptions> byClient = new ConcurrentHashMap<>();

    @Override
    public void customize(String clientName, RedisOptions options) {
        byClient.put(clientName, options);
    }

    /** @return null when that client was not created yet */
    RedisOptions forNode(String clientName, String host, int port) {
        RedisOptions resolved = byClient.get(clientName);
        if (resolved == null) {
            return null;
        }
        RedisOptions node = new RedisOptions(resolved);
        node.setType(RedisClientType.STANDALONE)
                .setEndpoints(List.of(nodeUri(URI.create(resolved.getEndpoint()), host, port).toString()))
                .setRole(RedisRole.MASTER)
                .setMasterName(null);
        return node;
    }

    /** A cluster has only database 0. */
    static URI nodeUri(URI template, String host, int port) {
        String userInfo = template.getRawUserInfo();
        String query = template.getRawQuery();
        return URI.create(template.getScheme() + "://" + (userInfo == null ? "" : userInfo + "@")
                + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port
                + (query == null ? "" : "?" + query));
    }
}
