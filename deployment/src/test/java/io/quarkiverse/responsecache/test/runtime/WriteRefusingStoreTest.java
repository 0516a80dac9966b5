package io.quarkiverse.responsecache.test.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.runtime.store.StoreHealth;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * A real Redis that answers every lookup and refuses every write ({@code maxmemory} reached with the
 * {@code noeviction} policy, Redis's default): the lookups that succeed in between must not hide it. After
 * {@code failure-threshold} refused writes in a row the writes' breaker opens: misses are served without trying to
 * store, cached entries keep being hit, one line says so; after the open period one write probes, and once Redis takes
 * writes again caching resumes and one line says that.
 */
class WriteRefusingStoreTest {

    static final RedisServerProcess REDIS = RedisServerProcess.shared("write-refusing-test");
    static final int THRESHOLD = 3;
    static final Duration OPEN = Duration.ofSeconds(30);

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.withoutRedis("write-refusing-test")
            .overrideConfigKey("quarkus.redis.hosts", REDIS.url())
            .overrideConfigKey("quarkus.response-cache.circuit-breaker.failure-threshold", Integer.toString(THRESHOLD))
            .overrideConfigKey("quarkus.response-cache.circuit-breaker.open-duration", OPEN.toSeconds() + "s")
            .withApplicationRoot(root -> root.addClasses(CountingResource.class, ManualClock.class, Await.class));

    @Inject
    ManualClock clock;

    static final List<LogRecord> LOG = new CopyOnWriteArrayList<>();
    static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            LOG.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void captureTheStoreHealthLog() {
        Logger.getLogger(StoreHealth.class.getName()).addHandler(CAPTURE);
    }

    @AfterAll
    static void stopRedis() {
        Logger.getLogger(StoreHealth.class.getName()).removeHandler(CAPTURE);
        REDIS.close();
    }

    @Test
    void refusedWritesOpenTheWritesBreakerWhileHitsGoOnAndCachingResumesWhenRedisTakesWritesAgain() {
        String cachedPath = "/counting/" + Await.unique();
        Await.cachedBody(cachedPath, given().get(cachedPath).asString());
        String path = "/counting/" + Await.unique();
        try (RedisTestClient redis = REDIS.client()) {
            redis.command("CONFIG", "SET", "maxmemory-policy", "noeviction");
            redis.command("CONFIG", "SET", "maxmemory", "1");
            try {
                for (int i = 1; i <= THRESHOLD; i++) {
                    long refusedBefore = refusedWrites(redis);
                    Response miss = given().get(path);
                    assertThat(miss.statusCode()).isEqualTo(200);
                    // the claim taken before the endpoint runs is the write Redis refuses: nothing is stored
                    assertThat(miss.header("Cache-Status"))
                            .isEqualTo("response-cache; fwd=uri-miss; detail=writes-unavailable");
                    assertThat(refusedWrites(redis)).as("the write is tried").isGreaterThan(refusedBefore);
                    assertThat(given().get(cachedPath).header("X-Cache")).as("lookups still work").isEqualTo("HIT");
                }
                Await.awaiting("the writes' breaker opening").untilAsserted(() -> assertThat(warnings()).hasSize(2));
                // Redis 7 refuses the script's write with OOM; Redis 6.2 reports it as the script's error
                assertThat(warnings().get(0)).startsWith(serverVersion(redis) >= 7
                        ? "The response cache store refused a write (ErrorType: OOM command not allowed when used"
                                + " memory > 'maxmemory'."
                        : "The response cache store refused a write (ErrorType: ERR Error running script")
                        .contains("OOM command not allowed when used memory > 'maxmemory'.")
                        .endsWith("); responses are served, but may not be stored");
                assertThat(warnings().get(1)).isEqualTo("The response cache store refused 3 writes in a row:"
                        + " responses are not stored for 30000 ms, then one write probes it again");

                long refusedWhileOpen = refusedWrites(redis);
                for (int i = 0; i < 10; i++) {
                    Response miss = given().get(path);
                    assertThat(miss.statusCode()).isEqualTo(200);
                    assertThat(miss.header("X-Cache")).isEqualTo("MISS");
                    assertThat(miss.header("Cache-Status")).as("no write is tried while the breaker is open")
                            .isEqualTo("response-cache; fwd=uri-miss; detail=writes-unavailable");
                    assertThat(given().get(cachedPath).header("X-Cache")).isEqualTo("HIT");
                }
                assertThat(refusedWrites(redis)).as("no write is tried while the breaker is open")
                        .isEqualTo(refusedWhileOpen);
                clock.advance(OPEN);
                assertThat(given().get(path).header("Cache-Status"))
                        .isEqualTo("response-cache; fwd=uri-miss; detail=writes-unavailable");
                long refusedAfterProbe = refusedWrites(redis);
                assertThat(refusedAfterProbe).as("the probe").isGreaterThan(refusedWhileOpen);
                assertThat(given().get(path).header("Cache-Status"))
                        .isEqualTo("response-cache; fwd=uri-miss; detail=writes-unavailable");
                assertThat(refusedWrites(redis)).as("open for another period").isEqualTo(refusedAfterProbe);
                assertThat(warnings()).as("nothing per request").hasSize(2);
                assertThat(metrics()).contains("response_cache_write_breaker_open{tier=\"redis\"} 1.0");
                assertThat(wellness()).containsEntry("write-breaker", "open").containsEntry("breaker", "closed");
            } finally {
                redis.command("CONFIG", "SET", "maxmemory", "0");
            }
        }
        clock.advance(OPEN);
        Response probe = given().get(path);
        assertThat(probe.header("Cache-Status")).isEqualTo("response-cache; fwd=uri-miss; stored; detail=absent");
        Await.cachedBody(path, probe.asString());
        assertThat(infos()).containsExactly(
                "The response cache store accepts writes again: responses are stored again");
        assertThat(metrics()).contains("response_cache_write_breaker_open{tier=\"redis\"} 0.0");
        assertThat(wellness()).containsEntry("write-breaker", "closed");
        assertThat(warnings()).hasSize(2);
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** @return the data of the cache's wellness check; its status is DOWN while a breaker is open */
    private static Map<String, Object> wellness() {
        Response health = given().get("/q/health/well");
        Map<String, Object> data = health.jsonPath().getMap("checks.find { it.name == 'response-cache' }.data");
        assertThat(health.jsonPath().getString("checks.find { it.name == 'response-cache' }.status"))
                .isEqualTo("open".equals(data.get("write-breaker")) ? "DOWN" : "UP");
        return data;
    }

    /**
     * @return how many script calls Redis refused or failed ({@code INFO commandstats}). The cache writes through
     *         scripts, and nothing else runs a script on this test's Redis, so each one is a write Redis refused. Not
     *         {@code errorstat_OOM}: Redis 6.2 counts an OOM inside a script as {@code errorstat_ERR}.
     */
    private static long refusedWrites(RedisTestClient redis) {
        long refused = 0;
        for (String line : ((String) redis.command("INFO", "commandstats")).split("\r?\n")) {
            if (line.startsWith("cmdstat_eval") || line.startsWith("cmdstat_fcall")) {
                for (String field : line.substring(line.indexOf(':') + 1).split(",")) {
                    if (field.startsWith("failed_calls=") || field.startsWith("rejected_calls=")) {
                        refused += Long.parseLong(field.substring(field.indexOf('=') + 1).trim());
                    }
                }
            }
        }
        return refused;
    }

    /** @return the Redis server's major version */
    private static int serverVersion(RedisTestClient redis) {
        for (String line : ((String) redis.command("INFO", "server")).split("\r?\n")) {
            if (line.startsWith("redis_version:")) {
                return Integer.parseInt(line.substring("redis_version:".length()).split("\\.")[0]);
            }
        }
        throw new AssertionError("INFO server names no redis_version");
    }

    private static List<String> warnings() {
        return messages(Level.WARNING);
    }

    private static List<String> infos() {
        return messages(Level.INFO);
    }

    private static List<String> messages(Level level) {
        return LOG.stream().filter(r -> r.getLevel().intValue() == level.intValue())
                .map(WriteRefusingStoreTest::format).toList();
    }

    private static String format(LogRecord record) {
        return record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
    }
}
