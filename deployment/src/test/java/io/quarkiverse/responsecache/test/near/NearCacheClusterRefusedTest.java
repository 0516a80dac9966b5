package io.quarkiverse.responsecache.test.near;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisClusterProcess;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

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
            .withApplicationRoot(root -> root.addClasses(NearResource.class, Await.class))
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.quarkiverse.responsecache")
                    && record.getLevel().intValue() >= Level.WARNING.intValue())
            .assertLogRecords(records -> assertThat(records).singleElement().satisfies(record -> {
                assertThat(record.getMessage()).contains("the near cache stays off");
                assertThat(record.getParameters()).singleElement().asString().contains("NOPERM");
            }));

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
