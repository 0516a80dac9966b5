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

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.responsecache.testing.LocalRedis;
import io.quarkiverse.responsecache.testing.RedisClusterProcess;

/**
 * The packaged demo: readers keep reading a product while it is renamed, round after round; every read that starts
 * after a rename completed must show the new name, on either instance. The slow read (300 ms after it read the name)
 * is the race of the issue that motivated read-your-writes: without it, nearly every slow read that began before a
 * rename stored the old name after the rename's eviction.
 */
class ReadYourWritesIT {

    static final int ROUNDS = 15;
    static final int READERS_PER_INSTANCE = 4;

    @ParameterizedTest
    @ValueSource(strings = { "", "/reactive", "/slow" })
    void twoInstancesOnRedisServeNoStaleReadAfterAWrite(String endpoint) throws Exception {
        assertThat(staleReads(endpoint, "quarkus.redis.hosts=" + LocalRedis.url().orElseThrow())).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "/slow" })
    void twoInstancesOnRedisClusterServeNoStaleReadAfterAWrite(String endpoint) throws Exception {
        assertThat(staleReads(endpoint, "quarkus.redis.hosts=" + RedisClusterProcess.shared().hosts(),
                "quarkus.redis.client-type=cluster")).isZero();
    }

    /** The memory store: evictions reach only their own instance, so one instance reads and writes. */
    @ParameterizedTest
    @ValueSource(strings = { "", "/slow" })
    void oneInstanceWithTheMemoryStoreServesNoStaleReadAfterAWrite(String endpoint) throws Exception {
        assumeTrue(DemoInstance.packaged(), "runs against the packaged jar");
        try (DemoInstance only = new DemoInstance("quarkus.response-cache.store=memory")) {
            only.awaitReady();
            assertThat(race(endpoint, only, only)).isZero();
        }
    }

    static int staleReads(String endpoint, String... options) throws Exception {
        assumeTrue(DemoInstance.packaged(), "runs against the packaged jar");
        List<String> all = new ArrayList<>(List.of(options));
        // a cold JVM may take longer than the default 100 ms for its first lookups
        all.add("quarkus.response-cache.lookup-timeout=2s");
        String[] settings = all.toArray(String[]::new);
        try (DemoInstance first = new DemoInstance(settings); DemoInstance second = new DemoInstance(settings)) {
            first.awaitReady();
            second.awaitReady();
            return race(endpoint, first, second);
        }
    }

    /** @return how many reads that started after a completed rename showed an older name */
    static int race(String endpoint, DemoInstance writer, DemoInstance other) throws Exception {
        int id = ThreadLocalRandom.current().nextInt(1_000_000, Integer.MAX_VALUE);
        String path = "/products/" + id + endpoint;
        int stale = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            List<CompletableFuture<HttpResponse<String>>> readers = new ArrayList<>();
            for (int i = 0; i < READERS_PER_INSTANCE; i++) {
                readers.add(send(writer, "GET", path));
                readers.add(send(other, "GET", path));
            }
            String name = "name-" + round;
            // the data is shared, as a database would be: the other instance sees it before the writer evicts
            assertThat(send(other, "PUT", "/products/" + id + "/stored-name/" + name).join().statusCode()).isEqualTo(204);
            HttpResponse<String> renamed = send(writer, "PUT", "/products/" + id + "/name/" + name).join();
            assertThat(renamed.statusCode()).isEqualTo(204);
            for (DemoInstance instance : List.of(other, writer)) {
                HttpResponse<String> read = send(instance, "GET", path).join();
                assertThat(read.statusCode()).isEqualTo(200);
                if (!read.body().contains("\"" + name + "\"")) {
                    stale++;
                }
            }
            readers.forEach(CompletableFuture::join);
            HttpResponse<String> afterTheReaders = send(other, "GET", path).join();
            if (!afterTheReaders.body().contains("\"" + name + "\"")) {
                stale++;
            }
        }
        return stale;
    }

    static CompletableFuture<HttpResponse<String>> send(DemoInstance instance, String method, String path) {
        return DemoInstance.CLIENT.sendAsync(HttpRequest.newBuilder(instance.uri(path)).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
