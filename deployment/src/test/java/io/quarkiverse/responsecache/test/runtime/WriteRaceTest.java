package io.quarkiverse.responsecache.test.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.ResponseCacheInvalidator;
import io.quarkiverse.responsecache.runtime.invalidation.EntryIndexes;
import io.quarkiverse.responsecache.runtime.store.memory.MemoryResponseStore;
import io.quarkiverse.responsecache.runtime.time.SystemResponseCacheClock;
import io.quarkiverse.responsecache.spi.ResponseStore;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;

/**
 * The race between a miss's write and the next request's lookup, made deterministic with a store whose writes land
 * only when the test says so. A lookup that misses because the write has not landed yet takes the computed response
 * (it never runs the endpoint again); a lookup that begins after the write landed and misses (the entry is gone) is
 * never handed the old response.
 */
class WriteRaceTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.withoutRedis("write-race-test")
            .overrideConfigKey("quarkus.redis.devservices.enabled", "false")
            .withApplicationRoot(root -> root.addClasses(CountingResource.class, GatedStore.class, Await.class));

    /**
     * The memory store, except that a write lands only when {@link #landWrites()} is called, and a lookup, once it
     * has read the store, answers only when {@link #answerLookups()} is called.
     */
    @Singleton
    public static class GatedStore implements ResponseStore {

        static final MemoryResponseStore STORE = new MemoryResponseStore(64L * 1024 * 1024, new SystemResponseCacheClock());
        static volatile CompletableFuture<Void> writes = CompletableFuture.completedFuture(null);
        static volatile CompletableFuture<Void> lookups = CompletableFuture.completedFuture(null);

        @Override
        public Uni<byte[]> get(String key) {
            CompletableFuture<Void> answer = lookups;
            return STORE.get(key).onItem().call(read -> Uni.createFrom().completionStage(answer));
        }

        @Override
        public Uni<Void> put(String key, byte[] entry, Duration timeToLive, Map<String, String> memberships) {
            CompletableFuture<Void> land = writes;
            return Uni.createFrom().completionStage(land).chain(() -> STORE.put(key, entry, timeToLive, memberships));
        }

        @Override
        public Uni<String> claim(String key, Duration timeToLive, Map<String, String> memberships) {
            return STORE.claim(key, timeToLive, memberships);
        }

        @Override
        public Uni<Boolean> putIfClaimed(String key, String claim, byte[] entry, Duration timeToLive,
                Map<String, String> memberships) {
            CompletableFuture<Void> land = writes;
            return Uni.createFrom().completionStage(land)
                    .chain(() -> STORE.putIfClaimed(key, claim, entry, timeToLive, memberships));
        }

        @Override
        public Uni<Void> index(String index, String member, Duration timeToLive) {
            return STORE.index(index, member, timeToLive);
        }

        @Override
        public Uni<Long> delete(String key) {
            return STORE.delete(key);
        }

        @Override
        public Uni<Set<String>> members(String index) {
            return STORE.members(index);
        }

        @Override
        public Uni<Long> evictIndex(String index) {
            return STORE.evictIndex(index);
        }

        @Override
        public Uni<Boolean> tryLock(String lockKey, String token, Duration lease) {
            return STORE.tryLock(lockKey, token, lease);
        }

        @Override
        public Uni<Void> unlock(String lockKey, String token) {
            return STORE.unlock(lockKey, token);
        }
    }

    static final ExecutorService BACKGROUND = Executors.newCachedThreadPool();

    @Inject
    ResponseCacheInvalidator invalidator;

    @AfterEach
    void ungate() {
        GatedStore.writes.complete(null);
        GatedStore.lookups.complete(null);
    }

    @Test
    void aLookupThatMissedJustBeforeTheWriteLandedTakesTheComputedResponse() {
        String id = Await.unique();
        GatedStore.writes = new CompletableFuture<>();
        Response first = given().get("/counting/" + id);
        assertThat(first.header("X-Cache")).isEqualTo("MISS");

        // the second request reads the store before the entry lands, and hears the answer (a miss) after
        GatedStore.lookups = new CompletableFuture<>();
        CompletableFuture<Response> second = CompletableFuture.supplyAsync(() -> given().get("/counting/" + id),
                BACKGROUND);
        await().atMost(Duration.ofSeconds(10)).until(() -> GatedStore.lookups.getNumberOfDependents() > 0);
        GatedStore.writes.complete(null);
        await().atMost(Duration.ofSeconds(10)).until(() -> entryKeyHolding(first.asString()) != null);
        GatedStore.lookups.complete(null);

        assertThat(second.join().asString()).as("the endpoint did not run again").isEqualTo(first.asString());
        assertThat(second.join().header("Cache-Status")).matches("response-cache; hit; ttl=\\d+; detail=coalesced");
    }

    @Test
    void aLookupThatBeganAfterTheWriteLandedIsNeverHandedTheOldResponse() {
        String id = Await.unique();
        String first = given().get("/counting/" + id).asString();
        Await.cachedBody("/counting/" + id, first);

        // gone behind the cache's back (an eviction by another instance, a DEL, memory pressure)
        GatedStore.STORE.delete(entryKeyHolding(first)).await().indefinitely();
        Response afterDeletion = given().get("/counting/" + id);
        assertThat(afterDeletion.header("X-Cache")).isEqualTo("MISS");
        assertThat(afterDeletion.asString()).isNotEqualTo(first);
    }

    /**
     * The leader's write is held back; meanwhile an eviction runs and then a request arrives, misses (it finds the
     * eviction's tombstone) and would join the leader's flight. The leader's store is refused, so that request
     * computes the key itself, and so does nobody else afterwards: its own response is what is stored.
     */
    @Test
    void aRequestThatArrivesAfterAnEvictionIsNeverHandedAResponseComputedBeforeIt() {
        String id = Await.unique();
        GatedStore.writes = new CompletableFuture<>();
        Response leader = given().get("/counting/" + id);
        assertThat(leader.header("X-Cache")).isEqualTo("MISS");

        invalidator.evictNamespaceAndAwait("");

        GatedStore.lookups = new CompletableFuture<>();
        CompletableFuture<Response> afterTheEviction = CompletableFuture.supplyAsync(
                () -> given().get("/counting/" + id), BACKGROUND);
        await().atMost(Duration.ofSeconds(10)).until(() -> GatedStore.lookups.getNumberOfDependents() > 0);
        GatedStore.lookups.complete(null);
        GatedStore.writes.complete(null);

        Response after = afterTheEviction.join();
        assertThat(after.asString()).as("computed after the eviction").isNotEqualTo(leader.asString());
        assertThat(after.header("X-Cache")).isEqualTo("MISS");
        Await.cachedBody("/counting/" + id, after.asString());
    }

    /** @return the key of the entry whose body is {@code body}, or null */
    private static String entryKeyHolding(String body) {
        for (int shard = 0; shard < EntryIndexes.NAMESPACE_SHARDS; shard++) {
            for (String key : GatedStore.STORE.members("write-race-test#ns" + shard + ":").await().indefinitely()) {
                byte[] value = GatedStore.STORE.get(key).await().indefinitely();
                if (value != null && new String(value, StandardCharsets.UTF_8).endsWith("\n" + body)) {
                    return key;
                }
            }
        }
        return null;
    }
}
