package io.quarkiverse.responsecache.test.near;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisClusterProcess;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;

/**
 * On Redis Cluster, the application's Redis user (given in the hosts' URIs) may run every command but {@code CLIENT}:
 * the notification connections to the masters log in as that user, are refused, and the near cache stays off with
 * one warning, while responses are still cached in the cluster. Had a connection to a master logged in as anyone
 * else (the default user may run {@code CLIENT}), the near cache would have turned on.
 */
class NearCacheClusterRefusedTest {

    static final RedisClusterProcess CLUSTER = clusterWithRestrictedUser();

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.withoutRedis("near-cluster-refused-test")
            .overrideConfigKey("quarkus.redis.hosts", CLUSTER.hosts().replace("redis://", "redis://near-app:secret@"))
            .overrideConfigKey("quarkus.redis.client-type", "cluster")
            .overrideConfigKey("quarkus.redis.devservices.enabled", "false")
            .overrideConfigKey("quarkus.response-cache.near-cache.enabled", "true")
            .withApplicationRoot(root -> root.addClasses(NearResource.class, NearHits.class, Await.class))
            .setLogRecordPredicate(NearHits::isCacheWarning)
            .assertLogRecords(NearHits.oneWarningThatTheNearCacheStaysOff("NOPERM"));

    static RedisClusterProcess clusterWithRestrictedUser() {
        RedisClusterProcess cluster = RedisClusterProcess.shared();
        for (RedisServerProcess node : cluster.nodes()) {
            try (RedisTestClient admin = node.client()) {
                admin.command("ACL", "SETUSER", "near-app", "reset", "on", ">secret", "~*", "&*", "+@all", "-client");
            }
        }
        return cluster;
    }

    @Test
    void responsesAreStillCachedInTheClusterAndNeverAnsweredFromMemory() {
        NearHits.assertCachedButNeverAnsweredFromMemory("/near/" + Await.unique());
    }
}
