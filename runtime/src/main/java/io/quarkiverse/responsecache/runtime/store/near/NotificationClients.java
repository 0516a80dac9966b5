package io.quarkiverse.responsecache.runtime.store.near;

import java.util.Locale;

import io.quarkiverse.responsecache.runtime.store.redis.RedisClients;
import io.quarkus.redis.runtime.client.config.RedisClientConfig;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisReplicas;

/**
 * Which Redis clients the notification connections can follow: made by {@link RedisClients}, since quarkus-redis-client
 * offers no tracking and its pooled connections must never carry it.
 */
final class NotificationClients {

    private NotificationClients() {
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
}
