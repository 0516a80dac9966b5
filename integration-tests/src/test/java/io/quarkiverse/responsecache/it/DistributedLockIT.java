package io.quarkiverse.responsecache.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.testing.LocalRedis;

/**
 * Two instances of the packaged demo application on one Redis, hit by a burst of requests for one cold key. Each
 * instance coalesces its own requests; with the distributed lock, the two instances compute the key once in total.
 */
class DistributedLockIT {

    @Test
    void withTheLockTwoInstancesComputeAColdKeyOnceInTotal() throws Exception {
        assertThat(burstOnTwoInstances(true)).isEqualTo(1);
    }

    @Test
    void withoutTheLockEachInstanceComputesItOnce() throws Exception {
        assertThat(burstOnTwoInstances(false)).isEqualTo(2);
    }

    /** @return how many times the endpoint ran, in both instances together */
    static long burstOnTwoInstances(boolean lock) throws Exception {
        assumeTrue(DemoInstance.packaged(), "runs against the packaged jar");
        String[] options = { "quarkus.redis.hosts=" + LocalRedis.url().orElseThrow(),
                "quarkus.response-cache.distributed-lock.enabled=" + lock,
                // a cold JVM may take longer than the default 100 ms for its first lookups
                "quarkus.response-cache.lookup-timeout=2s" };
        try (DemoInstance first = new DemoInstance(options); DemoInstance second = new DemoInstance(options)) {
            first.awaitReady();
            second.awaitReady();
            String id = Integer.toString(ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE));
            List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                DemoInstance instance = i % 2 == 0 ? first : second;
                pending.add(DemoInstance.CLIENT.sendAsync(
                        HttpRequest.newBuilder(instance.uri("/expensive/" + id)).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            List<HttpResponse<String>> responses = pending.stream().map(CompletableFuture::join).toList();
            assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(200));
            assertThat(responses).extracting(HttpResponse::body).containsOnly("result-" + id);
            return Long.parseLong(first.get("/stats/expensive-runs/" + id).body())
                    + Long.parseLong(second.get("/stats/expensive-runs/" + id).body());
        }
    }
}
