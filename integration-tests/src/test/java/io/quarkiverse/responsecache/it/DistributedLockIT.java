package io.quarkiverse.responsecache.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.testing.LocalRedis;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkiverse.responsecache.testing.RedisTestClient;

/**
 * Two instances of the packaged demo application on one Redis, hit by a burst of requests for one cold key. Each
 * instance coalesces its own requests; with the distributed lock, the two instances compute the key once in total.
 */
class DistributedLockIT {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void withTheLockTwoInstancesComputeAColdKeyOnceInTotal() throws Exception {
        assertThat(burstOnTwoInstances(true)).isEqualTo(1);
    }

    @Test
    void withoutTheLockEachInstanceComputesItOnce() throws Exception {
        assertThat(burstOnTwoInstances(false)).isEqualTo(2);
    }

    /** @return how many times the endpoint ran, counted in Redis */
    static long burstOnTwoInstances(boolean lock) throws Exception {
        assumeTrue(Files.exists(JAR), "runs against the packaged jar");
        String redisUrl = LocalRedis.url().orElseThrow();
        List<Process> instances = new ArrayList<>();
        try {
            int[] ports = { RedisServerProcess.freePort(), RedisServerProcess.freePort() };
            for (int port : ports) {
                instances.add(start(port, redisUrl, lock));
            }
            for (int port : ports) {
                awaitReady(port);
            }
            String id = Integer.toString(ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE));
            List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                URI uri = URI.create("http://127.0.0.1:" + ports[i % 2] + "/expensive/" + id);
                pending.add(CLIENT.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            List<HttpResponse<String>> responses = pending.stream().map(CompletableFuture::join).toList();
            assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(200));
            assertThat(responses).extracting(HttpResponse::body).allMatch(body -> body.startsWith("result-" + id));
            try (RedisTestClient redis = LocalRedis.client()) {
                return Long.parseLong((String) redis.command("GET", "demo:expensive-runs:" + id));
            }
        } finally {
            for (Process instance : instances) {
                instance.destroy();
                instance.waitFor();
            }
        }
    }

    static Process start(int port, String redisUrl, boolean lock) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java,
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.redis.hosts=" + redisUrl,
                "-Dquarkus.response-cache.distributed-lock.enabled=" + lock,
                // a cold JVM may take longer than the default 100 ms for its first lookups
                "-Dquarkus.response-cache.lookup-timeout=2s",
                "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(new File("target", "instance-" + port + ".log"))
                .start();
    }

    static void awaitReady(int port) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        URI uri = URI.create("http://127.0.0.1:" + port + "/stats/product-invocations");
        while (System.currentTimeMillis() < deadline) {
            try {
                if (CLIENT.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("instance on port " + port + " did not start");
    }
}
