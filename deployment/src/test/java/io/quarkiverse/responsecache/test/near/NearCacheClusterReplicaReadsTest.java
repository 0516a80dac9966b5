package io.quarkiverse.responsecache.test.near;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisClusterProcess;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

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
            .withApplicationRoot(root -> root.addClasses(NearResource.class, Await.class))
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.quarkiverse.responsecache")
                    && record.getLevel().intValue() >= Level.WARNING.intValue())
            .assertLogRecords(records -> assertThat(records).singleElement().satisfies(record -> {
                assertThat(record.getMessage()).contains("the near cache stays off");
                assertThat(record.getParameters()).singleElement().asString().contains("replicas=share");
            }));

    @Test
    void responsesAreCachedInTheClusterAndNeverAnsweredFromMemory() {
        String path = "/near/" + Await.unique();
        String body = given().get(path).asString();
        Await.cachedBody(path, body);
        for (int i = 0; i < 20; i++) {
            Response hit = given().get(path);
            assertThat(hit.asString()).isEqualTo(body);
            assertThat(hit.header("Cache-Status")).doesNotContain("detail=near");
        }
    }
}
