package io.quarkiverse.responsecache.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.testing.RedisClusterProcess;
import io.quarkiverse.responsecache.testing.RedisServerProcess;

/**
 * Read-your-writes with the near cache on: a product is renamed through one instance (an eviction by tag), and a read
 * sent to another instance the moment the rename answered must show the new name, never the copy in its memory. Each
 * try first makes the reader hold a copy; the counts of stale reads must be zero.
 */
class NearCacheReadYourWritesIT {

    static final int TRIES = 300;
    static final Duration ACK_TIMEOUT = Duration.ofMillis(500);

    @Test
    void twoInstancesOnRedis() throws Exception {
        assumeTrue(DemoInstance.packaged(), "runs against the packaged jar");
        try (RedisServerProcess redis = RedisServerProcess.start();
                Instances instances = Instances.start(2, true, "quarkus.redis.hosts=" + redis.url())) {
            Tries tries = tries(instances.get(1), instances.get(0));
            assertThat(tries.stale).as("stale reads of %d", TRIES).isZero();
            assertThat(tries.nearHitsBefore).as("tries whose reader held a copy in memory").isGreaterThan(TRIES / 2);
        }
    }

    @Test
    void threeInstancesOnRedisAndWhatAWriteCosts() throws Exception {
        assumeTrue(DemoInstance.packaged(), "runs against the packaged jar");
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            String hosts = "quarkus.redis.hosts=" + redis.url();
            long[] without;
            try (Instances instances = Instances.start(3, false, hosts)) {
                without = tries(instances.get(1), instances.get(0), instances.get(2)).writeMicros;
            }
            try (Instances instances = Instances.start(3, true, hosts)) {
                Tries tries = tries(instances.get(1), instances.get(0), instances.get(2));
                assertThat(tries.stale).as("stale reads of %d", 2 * TRIES).isZero();
                System.out.printf("A write (rename through one of 3 instances on one Redis, %d tries), microseconds:"
                        + " near cache off: median %d, p90 %d, p99 %d; near cache on: median %d, p90 %d, p99 %d%n",
                        TRIES, percentile(without, 50), percentile(without, 90), percentile(without, 99),
                        percentile(tries.writeMicros, 50), percentile(tries.writeMicros, 90),
                        percentile(tries.writeMicros, 99));
                // timings loosely: the acknowledgements must not make writes wait for the timeout
                assertThat(percentile(tries.writeMicros, 50)).isLessThan(ACK_TIMEOUT.toNanos() / 1000 / 2);
            }
        }
    }

    @Test
    void twoInstancesOnRedisCluster() throws Exception {
        assumeTrue(DemoInstance.packaged(), "runs against the packaged jar");
        try (Instances instances = Instances.start(2, true, "quarkus.redis.hosts=" + RedisClusterProcess.shared().hosts(),
                "quarkus.redis.client-type=cluster")) {
            assertThat(tries(instances.get(1), instances.get(0)).stale).as("stale reads of %d", TRIES).isZero();
        }
    }

    /**
     * The reader is paused (SIGSTOP) while it holds a copy: it cannot acknowledge. The rename still answers within
     * the acknowledgement timeout (loosely), and the read sent to the paused reader, answered once it resumes, shows
     * the new name.
     */
    @Test
    void aPausedInstanceDelaysWritesByTheTimeoutAtMostAndServesNoStaleCopy() throws Exception {
        assumeTrue(DemoInstance.packaged(), "runs against the packaged jar");
        try (RedisServerProcess redis = RedisServerProcess.start();
                Instances instances = Instances.start(2, true, "quarkus.redis.hosts=" + redis.url())) {
            DemoInstance reader = instances.get(0);
            DemoInstance writer = instances.get(1);
            String path = "/products/" + NearCacheCoherenceIT.id();
            for (int round = 1; round <= 5; round++) {
                String name = "paused-" + round;
                NearCacheCoherenceIT.awaitNearHit(reader, path, reader.get(path).body());
                assertThat(ReadYourWritesIT.send(reader, "PUT", path + "/stored-name/" + name).join().statusCode())
                        .isEqualTo(204);
                reader.signal("STOP");
                CompletableFuture<HttpResponse<String>> read;
                try {
                    long started = System.nanoTime();
                    assertThat(ReadYourWritesIT.send(writer, "PUT", path + "/name/" + name).join().statusCode())
                            .isEqualTo(204);
                    long tookMillis = (System.nanoTime() - started) / 1_000_000;
                    assertThat(tookMillis).as("the write's duration, ms").isLessThan(ACK_TIMEOUT.toMillis() + 2_000);
                    read = ReadYourWritesIT.send(reader, "GET", path);
                } finally {
                    reader.signal("CONT");
                }
                assertThat(read.join().body()).as("round %d", round).contains("\"" + name + "\"");
            }
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(writer.logText())
                    .contains("was not acknowledged within " + ACK_TIMEOUT.toMillis() + " ms"));
        }
    }

    /** What the tries saw: stale reads, reads answered from memory before a write, and each write's duration. */
    record Tries(int stale, int nearHitsBefore, long[] writeMicros) {
    }

    /** Renames through {@code writer}, then reads at once from each reader, {@link #TRIES} times. */
    static Tries tries(DemoInstance writer, DemoInstance... readers) throws Exception {
        String path = "/products/" + NearCacheCoherenceIT.id();
        int stale = 0;
        int nearHits = 0;
        long[] writes = new long[TRIES];
        for (int attempt = 0; attempt < TRIES; attempt++) {
            String name = "name-" + attempt;
            for (DemoInstance reader : readers) {
                reader.get(path);
                if (reader.get(path).headers().firstValue("Cache-Status").orElse("").contains("detail=near")) {
                    nearHits++;
                }
            }
            // the data is shared, as a database would be: the readers see it before the writer evicts
            for (DemoInstance reader : readers) {
                ReadYourWritesIT.send(reader, "PUT", path + "/stored-name/" + name).join();
            }
            long started = System.nanoTime();
            HttpResponse<String> renamed = ReadYourWritesIT.send(writer, "PUT", path + "/name/" + name).join();
            writes[attempt] = (System.nanoTime() - started) / 1_000;
            assertThat(renamed.statusCode()).isEqualTo(204);
            List<CompletableFuture<HttpResponse<String>>> reads = new ArrayList<>();
            for (DemoInstance reader : readers) {
                reads.add(ReadYourWritesIT.send(reader, "GET", path));
            }
            for (CompletableFuture<HttpResponse<String>> read : reads) {
                if (!read.join().body().contains("\"" + name + "\"")) {
                    stale++;
                }
            }
        }
        return new Tries(stale, nearHits, writes);
    }

    static long percentile(long[] values, int percent) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)];
    }

    /** Several packaged instances on one Redis, started together. */
    static final class Instances implements AutoCloseable {
        private final List<DemoInstance> all = new ArrayList<>();

        static Instances start(int count, boolean nearCache, String... redisOptions) throws Exception {
            Instances instances = new Instances();
            try {
                for (int i = 0; i < count; i++) {
                    List<String> options = new ArrayList<>(List.of(redisOptions));
                    options.add("quarkus.response-cache.lookup-timeout=2s");
                    options.add("quarkus.response-cache.near-cache.enabled=" + nearCache);
                    instances.all.add(new DemoInstance(options.toArray(String[]::new)));
                }
                for (DemoInstance instance : instances.all) {
                    instance.awaitReady();
                }
                return instances;
            } catch (Exception | AssertionError failure) {
                instances.close();
                throw failure;
            }
        }

        DemoInstance get(int index) {
            return all.get(index);
        }

        @Override
        public void close() throws InterruptedException {
            for (DemoInstance instance : all) {
                instance.close();
            }
        }
    }
}
