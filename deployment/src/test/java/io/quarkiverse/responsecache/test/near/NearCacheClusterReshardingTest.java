package io.quarkiverse.responsecache.test.near;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.runtime.store.near.NearCacheTracking;
import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisClusterProcess;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A slot that holds no key (so no canary either) moves to another master, as a resharding moves it: only reading the
 * cluster's slots again can see that, and the near cache goes off until it follows the new topology. The slot is moved
 * back afterwards, with the same steps.
 */
class NearCacheClusterReshardingTest {

    static final RedisClusterProcess CLUSTER = RedisClusterProcess.shared();
    static final List<String> LOG = new CopyOnWriteArrayList<>();
    static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            LOG.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.withoutRedis("near-resharding-test")
            .overrideConfigKey("quarkus.redis.hosts", CLUSTER.hosts())
            .overrideConfigKey("quarkus.redis.client-type", "cluster")
            .overrideConfigKey("quarkus.redis.devservices.enabled", "false")
            .overrideConfigKey("quarkus.response-cache.near-cache.enabled", "true")
            .withApplicationRoot(root -> root.addClasses(NearResource.class, NearHits.class, Await.class));

    @BeforeAll
    static void captureLog() {
        Logger.getLogger(NearCacheTracking.class.getName()).addHandler(CAPTURE);
    }

    @AfterAll
    static void stopCapturing() {
        Logger.getLogger(NearCacheTracking.class.getName()).removeHandler(CAPTURE);
    }

    @Test
    void aSlotMovedToAnotherMasterTurnsTheNearCacheOffUntilTheNewTopologyIsFollowed() {
        String path = "/near/" + Await.unique();
        String body = given().get(path).asString();
        NearHits.awaitNearHit(path, body);

        RedisServerProcess source = CLUSTER.nodes().get(0);
        RedisServerProcess target = CLUSTER.nodes().get(1);
        int slot = emptySlotOf(source);
        int logged = LOG.size();
        try {
            moveSlot(slot, source, target);

            Await.awaiting("the near cache off: the cluster's slots changed")
                    .until(() -> LOG.subList(logged, LOG.size()).stream()
                            .anyMatch(line -> line.contains("off until") && line.contains("slots changed")));
            Await.awaiting("the near cache on again").until(() -> LOG.subList(logged, LOG.size()).stream()
                    .anyMatch(line -> line.contains("is on again")));
            NearHits.awaitNearHit(path, body);
        } finally {
            moveSlot(slot, target, source);
            awaitOneViewOfTheSlots();
        }
    }

    /** @return a slot of {@code master} that holds no key, so neither an entry nor a canary */
    static int emptySlotOf(RedisServerProcess master) {
        try (RedisTestClient redis = master.client()) {
            for (Object range : (List<?>) redis.command("CLUSTER", "SLOTS")) {
                List<?> slots = (List<?>) range;
                List<?> owner = (List<?>) slots.get(2);
                if (((Long) owner.get(1)).intValue() != master.port()) {
                    continue;
                }
                for (long slot = (Long) slots.get(0); slot <= (Long) slots.get(1); slot++) {
                    if ((Long) redis.command("CLUSTER", "COUNTKEYSINSLOT", Long.toString(slot)) == 0) {
                        return (int) slot;
                    }
                }
            }
        }
        throw new AssertionError("no empty slot on the master on port " + master.port());
    }

    /** Moves an empty slot the way a resharding does, so the target's configuration epoch wins over older gossip. */
    static void moveSlot(int slot, RedisServerProcess from, RedisServerProcess to) {
        String number = Integer.toString(slot);
        String fromId = id(from);
        String toId = id(to);
        try (RedisTestClient target = to.client(); RedisTestClient source = from.client()) {
            target.command("CLUSTER", "SETSLOT", number, "IMPORTING", fromId);
            source.command("CLUSTER", "SETSLOT", number, "MIGRATING", toId);
            target.command("CLUSTER", "SETSLOT", number, "NODE", toId);
            source.command("CLUSTER", "SETSLOT", number, "NODE", toId);
        }
        for (RedisServerProcess other : CLUSTER.nodes()) {
            if (other != from && other != to) {
                try (RedisTestClient redis = other.client()) {
                    redis.command("CLUSTER", "SETSLOT", number, "NODE", toId);
                }
            }
        }
    }

    static String id(RedisServerProcess node) {
        try (RedisTestClient redis = node.client()) {
            return (String) redis.command("CLUSTER", "MYID");
        }
    }

    /** Waits until every node reports the same slots, so the next test finds a settled cluster. */
    static void awaitOneViewOfTheSlots() {
        Await.awaiting("every node reporting the same slots").untilAsserted(() -> {
            Object first = null;
            for (RedisServerProcess node : CLUSTER.nodes()) {
                try (RedisTestClient redis = node.client()) {
                    Object slots = slotsOnly(redis.command("CLUSTER", "SLOTS"));
                    if (first == null) {
                        first = slots;
                    } else {
                        assertThat(slots).as("slots seen by the node on port " + node.port()).isEqualTo(first);
                    }
                }
            }
        });
    }

    /** @return each range with its master's port only: the rest of a node's description may differ by node */
    static List<List<Long>> slotsOnly(Object reply) {
        return ((List<?>) reply).stream().map(range -> (List<?>) range)
                .map(range -> List.of((Long) range.get(0), (Long) range.get(1), (Long) ((List<?>) range.get(2)).get(1)))
                .sorted((a, b) -> Long.compare(a.get(0), b.get(0)))
                .toList();
    }
}
