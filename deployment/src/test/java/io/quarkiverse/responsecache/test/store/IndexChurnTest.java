package io.quarkiverse.responsecache.test.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedis;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Entries of 3 s under churn: a stored entry's memberships expire with it, not a minute after its claim, so the
 * indexes hold about as many members as there are live entries. Twelve seconds of churn: with the claim's minute of
 * grace kept, every member written since the start would still be there, about four times the live entries.
 */
class IndexChurnTest {

    private static final Logger LOG = Logger.getLogger(IndexChurnTest.class);
    static final String PREFIX = "index-churn-test";
    static final Duration CHURN = Duration.ofSeconds(12);

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app(PREFIX)
            .withApplicationRoot(root -> root.addClasses(TaggedResource.class, Await.class));

    @Test
    void indexesHoldAtMostTwiceTheLiveEntries() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        long end = System.nanoTime() + CHURN.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> loads = new ArrayList<>();
            for (int client = 0; client < 3; client++) {
                loads.add(clients.submit(() -> {
                    while (System.nanoTime() - end < 0) {
                        given().get("/tagged/short/" + Await.unique()).then().statusCode(200);
                        requests.incrementAndGet();
                    }
                }));
            }
            for (Future<?> load : loads) {
                load.get();
            }
        } finally {
            clients.shutdownNow();
        }
        try (RedisTestClient redis = LocalRedis.client()) {
            long live = redis.keys(PREFIX + ":short:*").stream()
                    .filter(key -> String.valueOf(redis.command("GET", key)).startsWith("RC")).count();
            long namespaceMembers = 0;
            for (String shard : redis.keys(PREFIX + "#ns*:short")) {
                namespaceMembers += (Long) redis.command("ZCARD", shard);
            }
            long tagMembers = 0;
            for (String tag : redis.keys(PREFIX + "#tag:short:*")) {
                tagMembers += (Long) redis.command("ZCARD", tag);
            }
            LOG.infof("%d requests in %d s of churn with 3 s entries: %d live entries, %d namespace index members,"
                    + " %d tag index members", requests.get(), CHURN.toSeconds(), live, namespaceMembers, tagMembers);
            assertThat(live).isPositive();
            assertThat(namespaceMembers).isLessThanOrEqualTo(2 * live);
            assertThat(tagMembers).isLessThanOrEqualTo(2 * live);
        }
    }
}
