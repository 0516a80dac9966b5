package io.quarkiverse.responsecache.test.near;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisClusterProcess;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A cluster client that may read from replicas: a replica that lags behind could return the old value after the
 * master's notification arrived, so the near cache stays off with one warning, and responses are cached as usual.
 */
class NearCacheClusterReplicaReadsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.withoutRedis("near-cluster-replicas-test")
            .overrideConfigKey("quarkus.redis.hosts", RedisClusterProcess.shared().hosts())
            .overrideConfigKey("quarkus.redis.client-type", "cluster")
            .overrideConfigKey("quarkus.redis.replicas", "share")
            .overrideConfigKey("quarkus.redis.devservices.enabled", "false")
            .overrideConfigKey("quarkus.response-cache.near-cache.enabled", "true")
            .withApplicationRoot(root -> root.addClasses(NearResource.class, NearHits.class, Await.class))
            .setLogRecordPredicate(NearHits::isCacheWarning)
            .assertLogRecords(NearHits.oneWarningThatTheNearCacheStaysOff("replicas=share"));

    @Test
    void responsesAreCachedInTheClusterAndNeverAnsweredFromMemory() {
        NearHits.assertCachedButNeverAnsweredFromMemory("/near/" + Await.unique());
    }
}
