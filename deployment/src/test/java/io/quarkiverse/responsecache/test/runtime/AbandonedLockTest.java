package io.quarkiverse.responsecache.test.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.ResponseCacheKeyBuilder;
import io.quarkiverse.responsecache.ResponseCacheKeyInput;
import io.quarkiverse.responsecache.testing.LocalRedis;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The distributed lock of a key held by an instance that died: when its lease runs out, the waiting instance takes
 * the lock and computes, without waiting for its whole max-wait. The max-wait is measured on the cache's clock, a
 * {@link ManualClock} that stands still here, so a request that waited for it would never be answered (and fail at
 * its client's timeout); the lease ends in Redis when the test says so, once the request is seen polling for the
 * holder's entry.
 */
class AbandonedLockTest {

    private static final Pattern GET_CALLS = Pattern.compile("cmdstat_get:calls=(\\d+)");

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("abandoned-lock-test")
            .overrideConfigKey("quarkus.response-cache.distributed-lock.enabled", "true")
            .overrideConfigKey("quarkus.response-cache.distributed-lock.max-wait", "10s")
            .withApplicationRoot(root -> root.addClasses(CountingResource.class, Await.class, ManualClock.class,
                    ConcurrentRequests.class));

    @Inject
    ResponseCacheKeyBuilder keyBuilder;

    @Test
    void aLockWhoseHolderDiedIsTakenOverWhenItsLeaseEnds() {
        String id = Await.unique();
        String key = keyBuilder.build(ResponseCacheKeyInput.forEndpoint(CountingResource.class.getName() + "#cached")
                .path("/counting/" + id).build());
        try (RedisTestClient redis = LocalRedis.client()) {
            // the lock of a holder that will never write the entry nor release the lock
            assertThat(redis.command("SET", key + ":lock", "dead-instance", "NX", "PX", "60000")).isEqualTo("OK");
            long getsBefore = getCalls(redis);
            CompletableFuture<HttpResponse<String>> pending = CompletableFuture
                    .supplyAsync(() -> ConcurrentRequests.get("/counting/" + id, 1).get(0));
            // its lookup, then at least one look for the holder's entry
            Await.awaiting("the request polling for the holder's entry")
                    .until(() -> getCalls(redis) >= getsBefore + 2);
            assertThat(pending).as("waiting while the lock is held").isNotDone();

            redis.command("PEXPIRE", key + ":lock", "1");
            HttpResponse<String> response = pending.join();

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Cache")).contains("MISS");
            assertThat(response.body()).startsWith("value-" + id);
            Await.cachedBody("/counting/" + id, response.body());
        }
    }

    /** @return how many GET commands this test's Redis has served */
    static long getCalls(RedisTestClient redis) {
        Matcher calls = GET_CALLS.matcher((String) redis.command("INFO", "commandstats"));
        return calls.find() ? Long.parseLong(calls.group(1)) : 0;
    }
}
