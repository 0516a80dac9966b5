package io.quarkiverse.responsecache.test.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.runtime.invalidation.EntryIndexes;
import io.quarkiverse.responsecache.runtime.store.GuardedStore;
import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An endpoint with 32 tags, on a Redis of its own whose {@code MONITOR} shows every command: a miss claims its key
 * and joins all 33 indexes in one command, and stores its entry and sets its memberships' scores to the entry's
 * expiry in one more, however many tags. A burst of such misses leaves other endpoints hitting and both breakers
 * closed.
 */
class TagWritesTest {

    private static final Logger LOG = Logger.getLogger(TagWritesTest.class);
    static final RedisServerProcess REDIS = RedisServerProcess.shared("tag-writes");
    static final String PREFIX = "tag-writes-test";

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.withoutRedis(PREFIX)
            .overrideConfigKey("quarkus.redis.hosts", REDIS.url())
            .withApplicationRoot(root -> root.addClasses(TaggedResource.class, RedisMonitor.class, Await.class));

    @Inject
    GuardedStore store;
    @Inject
    EntryIndexes indexes;

    @Test
    void aMissWithThirtyTwoTagsIsTwoCommands() {
        // the scripts are loaded and the namespace registered by a first miss
        String warm = Await.unique();
        Await.cachedBody("/tagged/many/" + warm, given().get("/tagged/many/" + warm).asString());

        String id = Await.unique();
        List<RedisMonitor.Command> commands;
        try (RedisMonitor monitor = new RedisMonitor("127.0.0.1", REDIS.port())) {
            given().get("/tagged/many/" + id).then().header("X-Cache", "MISS");
            Await.cachedBody("/tagged/many/" + id, "many-" + id);
            commands = monitor.commands();
        }
        List<RedisMonitor.Command> sent = commands.stream().filter(command -> !command.fromScript())
                .filter(command -> !command.name().equals("get")).toList();
        long indexWrites = commands.stream().filter(RedisMonitor.Command::fromScript)
                .filter(command -> command.name().equals("zadd")).count();
        LOG.infof("One miss of an endpoint with 32 tags: %d commands sent besides lookups (%s), %d index writes"
                + " inside them", sent.size(), sent.stream().map(RedisMonitor.Command::name).toList(), indexWrites);
        // the claim and the store: one script each, naming the entry and its 33 indexes
        assertThat(sent).extracting(RedisMonitor.Command::name).containsExactly("evalsha", "evalsha");
        assertThat(sent).allSatisfy(command -> assertThat(command.line()).contains("\"34\""));
        assertThat(indexWrites).isEqualTo(2 * 33);
    }

    @Test
    void theStoredMembershipsExpireWithTheirEntry() {
        String id = Await.unique();
        Await.cachedBody("/tagged/many/" + id, given().get("/tagged/many/" + id).asString());
        try (RedisTestClient redis = REDIS.client()) {
            String key = Await.entryKeyHolding(redis, PREFIX, "many-" + id);
            @SuppressWarnings("unchecked")
            List<String> time = (List<String>) redis.command("TIME");
            long now = Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
            long expiry = now + (Long) redis.command("PTTL", key);
            for (int tag = 0; tag < 32; tag++) {
                String index = indexes.tagIndex(String.format("t%02d:%s", tag, id));
                double score = Double.parseDouble((String) redis.command("ZSCORE", index, key));
                // the entry's own expiry, plus a second for clock granularity: not its claim's minute of grace
                assertThat(score - expiry).as(index).isBetween(0.0, 2_500.0);
            }
        }
    }

    @Test
    void aBurstOfManyTaggedMissesLeavesOtherEndpointsHitting() throws Exception {
        String plain = "/tagged/plain/" + Await.unique();
        Await.cachedBody(plain, given().get(plain).asString());
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> misses = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                misses.add(clients.submit(() -> given().get("/tagged/many/" + Await.unique()).then().statusCode(200)));
            }
            while (misses.stream().anyMatch(miss -> !miss.isDone())) {
                given().get(plain).then().header("X-Cache", "HIT");
            }
            for (Future<?> miss : misses) {
                miss.get();
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(store.isOpen()).as("lookups' breaker").isFalse();
        assertThat(store.writesHealth().isOpen()).as("writes' breaker").isFalse();
        assertThat(store.writesHealth().consecutiveFailures()).isZero();
    }
}
