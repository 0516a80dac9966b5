package io.quarkiverse.responsecache.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkiverse.responsecache.testing.RedisTestClient;

/**
 * Two packaged instances with the near cache on one Redis of the test's own. Each holds a copy of a product in its
 * memory; then the product changes, through the other instance, with {@code DEL} or {@code FLUSHALL} in Redis, or
 * while every client connection is killed. 100 ms later, neither instance answers the old copy.
 */
class NearCacheCoherenceIT {

    static final Duration NOTIFICATION_BOUND = Duration.ofMillis(100);
    static final Duration AT_MOST = Duration.ofSeconds(20);

    static RedisServerProcess redis;
    static DemoInstance first;
    static DemoInstance second;

    @BeforeAll
    static void twoInstances() throws Exception {
        assumeTrue(DemoInstance.packaged(), "runs against the packaged jar");
        redis = RedisServerProcess.start();
        first = withTheNearCache("quarkus.redis.hosts=" + redis.url());
        second = withTheNearCache("quarkus.redis.hosts=" + redis.url());
        first.awaitReady();
        second.awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] { first, second, redis }) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void anEvictionThroughTheOtherInstance() throws Exception {
        String path = "/products/" + id();
        String copy = copiesOn(path, first, second);
        rename(second, path);
        assertNoCopyAfterTheBound(path, copy, first, second);
    }

    @Test
    void aDelInRedis() throws Exception {
        String path = "/products/" + id();
        String copy = copiesOn(path, first, second);
        try (RedisTestClient client = redis.client()) {
            client.command("DEL", keyHolding(client, copy));
        }
        assertNoCopyAfterTheBound(path, copy, first, second);
    }

    @Test
    void aFlushallInRedis() throws Exception {
        String path = "/products/" + id();
        String copy = copiesOn(path, first, second);
        try (RedisTestClient client = redis.client()) {
            client.command("FLUSHALL");
        }
        assertNoCopyAfterTheBound(path, copy, first, second);
    }

    @Test
    void killedClientConnections() throws Exception {
        String path = "/products/" + id();
        String copy = copiesOn(path, first, second);
        try (RedisTestClient client = redis.client()) {
            String key = keyHolding(client, copy);
            client.command("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
            client.command("DEL", key);
        }
        assertNoCopyAfterTheBound(path, copy, first, second);
        // both instances track again, and answer from memory again
        copiesOn(path, first, second);
    }

    /**
     * @param redisOptions the system properties that point the instance at the test's Redis
     * @return a packaged instance with the near cache on, starting
     */
    static DemoInstance withTheNearCache(String... redisOptions) throws IOException {
        List<String> options = new ArrayList<>(List.of(redisOptions));
        options.add("quarkus.response-cache.near-cache.enabled=true");
        // a cold JVM may take longer than the default 100 ms for its first lookups
        options.add("quarkus.response-cache.lookup-timeout=2s");
        return new DemoInstance(options.toArray(String[]::new));
    }

    /** Renames the product at {@code path} through {@code instance}: a write that evicts its entry. */
    static void rename(DemoInstance instance, String path) throws Exception {
        HttpResponse<String> rename = DemoInstance.CLIENT.send(HttpRequest.newBuilder(instance.uri(path + "/name/renamed"))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(rename.statusCode()).isEqualTo(204);
    }

    static String id() {
        return Integer.toString(ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE));
    }

    /** @return the body the instances answer from their near caches, as the first computed it */
    static String copiesOn(String path, DemoInstance... instances) throws Exception {
        String body = instances[0].get(path).body();
        for (DemoInstance instance : instances) {
            awaitNearHit(instance, path, body);
        }
        return body;
    }

    static void awaitNearHit(DemoInstance instance, String path, String body) {
        awaiting(path + " answered from the near cache of the instance on port " + instance.port, response -> {
            assertThat(response.body()).isEqualTo(body);
            assertThat(response.headers().firstValue("Cache-Status")).hasValueSatisfying(
                    status -> assertThat(status).contains("detail=near"));
        }, instance, path);
    }

    static void awaiting(String what, Consumer<HttpResponse<String>> assertion, DemoInstance instance, String path) {
        Awaitility.await(what).atMost(AT_MOST).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .pollInSameThread().untilAsserted(() -> assertion.accept(instance.get(path)));
    }

    /** Lets the notification bound pass (a wait for time itself), then asks each instance once. */
    static void assertNoCopyAfterTheBound(String path, String copy, DemoInstance... instances) throws Exception {
        long changed = System.nanoTime();
        Awaitility.await().pollDelay(NOTIFICATION_BOUND).atMost(AT_MOST)
                .until(() -> System.nanoTime() - changed >= NOTIFICATION_BOUND.toNanos());
        for (DemoInstance instance : instances) {
            HttpResponse<String> response = instance.get(path);
            assertThat(response.body()).as("the instance on port %d, %d ms after the change", instance.port,
                    NOTIFICATION_BOUND.toMillis()).isNotEqualTo(copy);
        }
    }

    static String keyHolding(RedisTestClient client, String body) {
        AtomicReference<String> found = new AtomicReference<>();
        Awaitility.await("the entry holding " + body).atMost(AT_MOST).pollInSameThread()
                .until(() -> found.updateAndGet(none -> keyHoldingNow(client, body)), Objects::nonNull);
        return found.get();
    }

    /** @return the key of the product entry that holds {@code body} in the Redis of {@code client}, or null */
    static String keyHoldingNow(RedisTestClient client, String body) {
        for (String key : client.keys("response-cache:products:*")) {
            if (client.command("GET", key) instanceof String value && value.endsWith("\n" + body)) {
                return key;
            }
        }
        return null;
    }
}
