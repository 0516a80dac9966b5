package io.quarkiverse.responsecache.test.near;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.runtime.store.near.NearCache;
import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisClusterProcess;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * The near cache on a real 3-master Redis Cluster: it follows every master over a connection of its own, and for an
 * entry on each master, a change made on that master (a {@code DEL}, a {@code FLUSHALL}, an eviction through the
 * application) is never answered from memory once its notification arrived, and a notification connection killed on
 * one master turns the near cache off until it is back.
 */
class NearCacheClusterTest {

    static final RedisClusterProcess CLUSTER = RedisClusterProcess.shared();
    static final String PREFIX = "near-cluster-test";

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.withoutRedis(PREFIX)
            .overrideConfigKey("quarkus.redis.hosts", CLUSTER.hosts())
            .overrideConfigKey("quarkus.redis.client-type", "cluster")
            .overrideConfigKey("quarkus.redis.devservices.enabled", "false")
            .overrideConfigKey("quarkus.response-cache.near-cache.enabled", "true")
            .withApplicationRoot(root -> root.addClasses(NearResource.class, NearHits.class, Await.class));

    /** An entry the application stored, and the master that holds it. */
    record Entry(String path, String body, String key, RedisServerProcess master) {
    }

    @Inject
    NearCache near;

    @Test
    void everyMasterIsFollowedAndItsEntriesAreAnsweredFromMemory() {
        for (Entry entry : entriesOnEveryMaster()) {
            Response hit = NearHits.awaitNearHit(entry.path(), entry.body());
            assertThat(hit.header("Cache-Status")).matches("response-cache; hit; ttl=\\d+; detail=near");
            assertThat(hit.header("X-Cache")).isEqualTo("HIT");
        }
        for (RedisServerProcess master : CLUSTER.nodes()) {
            try (RedisTestClient redis = master.client()) {
                assertThat(trackingClientIds(redis)).as("connections with tracking on, master on port " + master.port())
                        .isNotEmpty();
                // written through the cluster client, so on the master the cluster computes for it; awaited, as a
                // FLUSHALL of another test removes it until the next heartbeat writes it again
                Await.awaiting("a canary on port " + master.port())
                        .until(() -> redis.keys(PREFIX + ":near-cache-canary:*"), canaries -> !canaries.isEmpty());
            }
        }
    }

    @Test
    void aDelOnTheMasterOfAnEntryIsNotAnsweredFromMemory() {
        for (Entry entry : entriesOnEveryMaster()) {
            NearHits.awaitNearHit(entry.path(), entry.body());
            try (RedisTestClient redis = entry.master().client()) {
                redis.command("DEL", entry.key());
            }
            assertRecomputedOnceTheCopyIsGone(entry);
        }
    }

    @Test
    void aFlushallOnOneMasterIsNotAnsweredFromMemory() {
        for (Entry entry : entriesOnEveryMaster()) {
            NearHits.awaitNearHit(entry.path(), entry.body());
            try (RedisTestClient redis = entry.master().client()) {
                redis.command("FLUSHALL");
            }
            assertRecomputedOnceTheCopyIsGone(entry);
        }
    }

    @Test
    void anEvictionThroughTheApplicationIsNotAnsweredFromMemory() {
        for (Entry entry : entriesOnEveryMaster()) {
            NearHits.awaitNearHit(entry.path(), entry.body());

            given().post(entry.path()).then().statusCode(200);

            // no wait at all: the instance that evicts drops its copies before it answers the write
            Response after = given().get(entry.path());
            assertThat(after.asString()).isNotEqualTo(entry.body());
            assertThat(after.header("X-Cache")).isEqualTo("MISS");
        }
    }

    @Test
    void aKilledNotificationConnectionTurnsTheNearCacheOffUntilItIsBack() {
        for (Entry entry : entriesOnEveryMaster()) {
            NearHits.awaitNearHit(entry.path(), entry.body());
            try (RedisTestClient redis = entry.master().client()) {
                for (String id : trackingClientIds(redis)) {
                    redis.command("CLIENT", "KILL", "ID", id);
                }
                // a change whose notification has no connection to travel over: only turning off keeps it out
                redis.command("DEL", entry.key());
            }
            String recomputed = assertRecomputedOnceTheCopyIsGone(entry);

            NearHits.awaitNearHit(entry.path(), recomputed);
            try (RedisTestClient redis = entry.master().client()) {
                assertThat(trackingClientIds(redis)).as("a new notification connection").isNotEmpty();
            }
        }
    }

    @Test
    void killedClientConnectionsOnOneMasterTurnTheNearCacheOffUntilTheyAreBack() {
        for (Entry entry : entriesOnEveryMaster()) {
            NearHits.awaitNearHit(entry.path(), entry.body());
            try (RedisTestClient redis = entry.master().client()) {
                // the notification connection and the cache's own pooled connections to this master
                redis.command("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
                redis.command("DEL", entry.key());
            }
            awaitTheCopyDropped(entry);
            String recomputed = NearHits.assertNotStaleUntilMissedThroughLiveConnections(entry.path(), entry.body());

            NearHits.awaitNearHit(entry.path(), recomputed);
        }
    }

    /**
     * Waits for the change's effect on the near cache (its notification, or the near cache going off), then asks.
     *
     * @return the body computed anew
     */
    String assertRecomputedOnceTheCopyIsGone(Entry entry) {
        awaitTheCopyDropped(entry);
        Response response = given().get(entry.path());
        assertThat(response.asString()).as("the response once the copy is gone").isNotEqualTo(entry.body());
        assertThat(response.header("X-Cache")).as(response.header("Cache-Status")).isEqualTo("MISS");
        return response.asString();
    }

    /** Waits for the change's effect on the near cache: its notification, or the near cache going off. */
    void awaitTheCopyDropped(Entry entry) {
        Await.awaiting("the copy of " + entry.key() + " dropped from the near cache")
                .until(() -> near.hit(entry.key()) == null);
    }

    /** @return one stored entry on each master, in the order of {@link RedisClusterProcess#nodes()} */
    static List<Entry> entriesOnEveryMaster() {
        Map<RedisServerProcess, Entry> byMaster = new LinkedHashMap<>();
        for (int attempt = 0; attempt < 100 && byMaster.size() < CLUSTER.nodes().size(); attempt++) {
            String path = "/near/" + Await.unique();
            String body = given().get(path).asString();
            Entry entry = stored(path, body);
            byMaster.putIfAbsent(entry.master(), entry);
        }
        assertThat(byMaster).as("entries on every master").hasSize(CLUSTER.nodes().size());
        List<Entry> entries = new ArrayList<>();
        for (RedisServerProcess master : CLUSTER.nodes()) {
            entries.add(byMaster.get(master));
        }
        return entries;
    }

    /** @return the entry holding {@code body}, once it is written, with the master it was written to */
    static Entry stored(String path, String body) {
        return Await.awaiting("the entry of " + path + " on one of the masters").until(() -> {
            for (RedisServerProcess master : CLUSTER.nodes()) {
                try (RedisTestClient redis = master.client()) {
                    for (String key : redis.keys(PREFIX + ":*")) {
                        if (redis.command("GET", key) instanceof String value && value.endsWith("\n" + body)) {
                            return new Entry(path, body, key, master);
                        }
                    }
                }
            }
            return null;
        }, found -> found != null);
    }

    /** @return the ids of the connections with client tracking on ({@code flags} has {@code t}) */
    static List<String> trackingClientIds(RedisTestClient redis) {
        String clients = (String) redis.command("CLIENT", "LIST");
        return clients.lines()
                .filter(line -> line.matches(".* flags=\\w*t\\w* .*"))
                .map(line -> line.replaceFirst("^id=(\\d+) .*$", "$1"))
                .toList();
    }
}
