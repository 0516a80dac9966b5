package io.quarkiverse.responsecache.runtime.devui;

import java.net.URI;
import java.util.Set;

import jakarta.enterprise.inject.Instance;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheBuildTimeConfig;
import io.quarkiverse.responsecache.runtime.observe.NearCacheStatus;
import io.quarkiverse.responsecache.runtime.store.redis.RedisClients;
import io.quarkiverse.responsecache.spi.ResponseStore;
import io.quarkus.redis.runtime.client.config.RedisClientConfig;
import io.quarkus.redis.runtime.client.config.RedisConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisClientType;

/** Where this application's responses are stored, as the Dev UI shows it: the card's label and the page's header. */
final class ActiveStore {

    private ActiveStore() {
    }

    /**
     * @return {@code store} ({@code memory}, {@code redis} or the tier an application's own store names),
     *         {@code label} (the card's words), {@code nearCache}, and for Redis its {@code client}, {@code hosts}
     *         (without credentials) and {@code cluster}
     */
    static JsonObject describe(ResponseStore store, Instance<NearCacheStatus> nearCache,
            ResponseCacheBuildTimeConfig buildTimeConfig) {
        String client = buildTimeConfig.redisClientName().orElse(RedisConfig.DEFAULT_CLIENT_NAME);
        return describe(store.tier(), NearCacheStatus.active(nearCache) != null, client,
                "redis".equals(store.tier()) ? RedisClients.configuration(client) : null);
    }

    static JsonObject describe(String tier, boolean near, String client, RedisClientConfig configuration) {
        JsonObject description = new JsonObject().put("store", tier).put("nearCache", near);
        if (!"redis".equals(tier)) {
            return description.put("label", "memory".equals(tier) ? "in memory" : "in the application's own store");
        }
        JsonArray hosts = new JsonArray();
        if (configuration != null) {
            configuration.hosts().map(Set::stream).ifPresent(uris -> uris.map(ActiveStore::withoutCredentials)
                    .forEach(hosts::add));
            configuration.hostsProviderName().ifPresent(provider -> hosts.add("hosts provider " + provider));
        }
        return description.put("label", near ? "in Redis, near cache on" : "in Redis")
                .put("client", RedisConfig.isDefaultClient(client) ? "default" : client)
                .put("hosts", hosts)
                .put("cluster", configuration != null && configuration.clientType() == RedisClientType.CLUSTER);
    }

    /** A host as the page may show it: a password in its user info stays out of the browser. */
    static String withoutCredentials(URI host) {
        return host.getScheme() + "://" + host.getHost() + (host.getPort() < 0 ? "" : ":" + host.getPort());
    }
}
