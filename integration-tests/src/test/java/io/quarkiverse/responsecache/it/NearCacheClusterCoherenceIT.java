package io.quarkiverse.responsecache.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.testing.RedisClusterProcess;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkiverse.responsecache.testing.RedisTestClient;

/**
 * {@link NearCacheCoherenceIT} on a 3-master Redis Cluster: two packaged instances, each following every master. Each
 * holds a copy of a product; then the product changes, through the other instance, or on the master that holds it
 * ({@code DEL}, {@code FLUSHALL}, every client connection killed). 100 ms later, neither instance answers the old copy.
 */
class NearCacheClusterCoherenceIT {

    static final Duration AT_MOST = Duration.ofSeconds(20);

    static RedisClusterProcess cluster;
    static DemoInstance first;
    static DemoInstance second;

    /** A product's entry and the master that holds it. */
    record Stored(String key, RedisServerProcess master) {
    }

    @BeforeAll
    static void twoInstances() throws Exception {
        assumeTrue(DemoInstance.packaged(), "runs against the packaged jar");
        cluster = RedisClusterProcess.shared();
        String[] redisOptions = { "quarkus.redis.hosts=" + cluster.hosts(), "quarkus.redis.client-type=cluster" };
        first = NearCacheCoherenceIT.withTheNearCache(redisOptions);
        second = NearCacheCoherenceIT.withTheNearCache(redisOptions);
        first.awaitReady();
        second.awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] { first, second }) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void anEvictionThroughTheOtherInstance() throws Exception {
        String path = "/products/" + NearCacheCoherenceIT.id();
        String copy = NearCacheCoherenceIT.copiesOn(path, first, second);
        NearCacheCoherenceIT.rename(second, path);
        NearCacheCoherenceIT.assertNoCopyAfterTheBound(path, copy, first, second);
    }

    @Test
    void aDelOnTheMasterThatHoldsTheEntry() throws Exception {
        String path = "/products/" + NearCacheCoherenceIT.id();
        String copy = NearCacheCoherenceIT.copiesOn(path, first, second);
        Stored stored = stored(copy);
        try (RedisTestClient client = stored.master().client()) {
            client.command("DEL", stored.key());
        }
        NearCacheCoherenceIT.assertNoCopyAfterTheBound(path, copy, first, second);
    }

    @Test
    void aFlushallOnTheMasterThatHoldsTheEntry() throws Exception {
        String path = "/products/" + NearCacheCoherenceIT.id();
        String copy = NearCacheCoherenceIT.copiesOn(path, first, second);
        try (RedisTestClient client = stored(copy).master().client()) {
            client.command("FLUSHALL");
        }
        NearCacheCoherenceIT.assertNoCopyAfterTheBound(path, copy, first, second);
    }

    @Test
    void killedClientConnectionsOnTheMasterThatHoldsTheEntry() throws Exception {
        String path = "/products/" + NearCacheCoherenceIT.id();
        String copy = NearCacheCoherenceIT.copiesOn(path, first, second);
        Stored stored = stored(copy);
        try (RedisTestClient client = stored.master().client()) {
            client.command("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
            client.command("DEL", stored.key());
        }
        NearCacheCoherenceIT.assertNoCopyAfterTheBound(path, copy, first, second);
        // both instances follow that master again, and answer from memory again
        NearCacheCoherenceIT.copiesOn(path, first, second);
    }

    /** @return the key of the product entry holding {@code body}, and the master it is on */
    static Stored stored(String body) {
        AtomicReference<Stored> found = new AtomicReference<>();
        Awaitility.await("the entry holding " + body).atMost(AT_MOST).pollInSameThread().until(() -> {
            for (RedisServerProcess master : cluster.nodes()) {
                try (RedisTestClient client = master.client()) {
                    String key = NearCacheCoherenceIT.keyHoldingNow(client, body);
                    if (key != null) {
                        found.set(new Stored(key, master));
                    }
                }
            }
            return found.get();
        }, Objects::nonNull);
        return found.get();
    }
}
