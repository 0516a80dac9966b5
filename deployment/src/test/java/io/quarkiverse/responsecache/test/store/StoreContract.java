package io.quarkiverse.responsecache.test.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.ResponseCacheInvalidator;
import io.quarkiverse.responsecache.ResponseCacheKeyBuilder;
import io.quarkiverse.responsecache.ResponseCacheKeyInput;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.entry.CachedResponseCodec;
import io.quarkiverse.responsecache.runtime.invalidation.EntryIndexes;
import io.quarkiverse.responsecache.spi.EntryMarks;
import io.quarkiverse.responsecache.spi.ResponseStore;
import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.test.runtime.ConcurrentRequests;
import io.quarkiverse.responsecache.test.runtime.ManualClock;
import io.restassured.response.Response;
import io.smallrye.mutiny.Multi;

/**
 * What every store must do, checked through HTTP and the invalidator: each store's test extends this class and
 * starts the application on that store. The per-endpoint configuration it relies on:
 * {@code endpoint.overridden.expire=5s} and {@code endpoint."CatalogResource.switchedOff".enabled=false}. The cache's
 * clock is a {@link ManualClock}: time passes when a test says so.
 */
public abstract class StoreContract {

    /** How long {@code /catalog/expiring} entries stay in the store: 60 s fresh, 30 s more for stale-if-error. */
    static final Duration EXPIRING_RETENTION = Duration.ofSeconds(90);
    /** Larger than one batch of the Redis store's index walk (SSCAN ... COUNT 1000). */
    static final int LARGE_INDEX = 2_500;
    /** Rounds of claims racing an eviction of their tag, and claims per round. */
    private static final int RACE_ROUNDS = 300;
    private static final int CLAIMS_PER_RACE = 6;
    /** Store calls in flight at once when a test fills the store: fewer than the Redis client's pool queue. */
    private static final int CONCURRENT_STORE_CALLS = 8;

    /** Runs the requests a test sends in the background: never the common pool, which may have a single thread. */
    static final ExecutorService BACKGROUND = Executors.newCachedThreadPool();

    @Inject
    ResponseCacheInvalidator invalidator;

    @Inject
    ResponseCacheKeyBuilder keyBuilder;

    @Inject
    ManualClock clock;

    /** The store itself, without the cache's timeouts and breaker around it. */
    @Inject
    ResponseStore store;

    @Inject
    EntryIndexes indexes;

    static Class<?>[] applicationClasses() {
        return new Class<?>[] { CatalogResource.class, FreshnessResource.class, StoreContract.class, Await.class,
                ManualClock.class, ConcurrentRequests.class };
    }

    /**
     * Checks that the store itself drops the entry under {@code key} once {@code retention} has passed, whatever the
     * cache's clock says (Redis: a TTL on the key; memory: the cache's clock decides).
     */
    abstract void assertStoreExpires(String key, Duration retention);

    /** Caches {@code path} and waits until it is answered from the cache. @return the cached body */
    static String cached(String path) {
        String body = given().get(path).asString();
        Await.cachedBody(path, body);
        return body;
    }

    static String cacheStatus(String path) {
        return given().get(path).header("X-Cache");
    }

    @Test
    void aMissIsStoredAndReplayedWithItsHeaders() {
        String path = "/catalog/products/" + Await.unique();
        Response miss = given().get(path);
        assertThat(miss.header("X-Cache")).isEqualTo("MISS");
        assertThat(miss.header("Cache-Status")).isEqualTo("response-cache; fwd=uri-miss; stored; detail=absent");
        Await.cachedBody(path, miss.asString());
        Response hit = given().header("If-None-Match", miss.header("ETag")).get(path);
        assertThat(hit.statusCode()).isEqualTo(304);
        assertThat(hit.header("Cache-Control")).isEqualTo("max-age=60");
    }

    @Test
    void anEntryExpiresWithItsTtl() {
        String path = "/catalog/expiring/" + Await.unique();
        String body = cached(path);
        assertStoreExpires(expiringKey(path), EXPIRING_RETENTION);

        clock.advance(Duration.ofSeconds(59));
        Response fresh = given().get(path);
        assertThat(fresh.header("X-Cache")).isEqualTo("HIT");
        assertThat(fresh.asString()).isEqualTo(body);

        clock.advance(Duration.ofSeconds(32));
        Response expired = given().get(path);
        assertThat(expired.header("X-Cache")).as("91 s later: past freshness and the stale window").isEqualTo("MISS");
        assertThat(expired.asString()).isNotEqualTo(body).startsWith("expiring-");
    }

    String expiringKey(String path) {
        return keyBuilder.build(ResponseCacheKeyInput.forEndpoint(CatalogResource.class, "expiring").path(path)
                .build());
    }

    @Test
    void evictingATagRemovesExactlyTheTaggedEntries() {
        String id = Await.unique();
        String other = Await.unique();
        cached("/catalog/products/" + id);
        cached("/catalog/products/" + id + "/reviews");
        String untouched = cached("/catalog/products/" + other);
        cached("/catalog/categories/" + id);

        assertThat(invalidator.evictTagAndAwait("product:" + id)).isEqualTo(2);

        assertThat(cacheStatus("/catalog/products/" + id)).isEqualTo("MISS");
        assertThat(cacheStatus("/catalog/products/" + id + "/reviews")).isEqualTo("MISS");
        assertThat(given().get("/catalog/products/" + other).asString()).isEqualTo(untouched);
        assertThat(cacheStatus("/catalog/products/" + other)).isEqualTo("HIT");
        assertThat(cacheStatus("/catalog/categories/" + id)).isEqualTo("HIT");
    }

    @Test
    void evictingATagWhoseIndexIsLargerThanOneBatchRemovesEveryEntry() {
        String id = Await.unique();
        String tag = "bulk:" + id;
        // written the way the cache writes entries, indexed under the tag only: an HTTP request per entry is too slow
        String tagIndex = indexes.tagIndex(tag);
        List<String> keys = putProducts(productIds(id, LARGE_INDEX), tagIndex);
        assertThat(store.members(tagIndex).await().atMost(Await.AT_MOST)).hasSize(LARGE_INDEX);
        Response handWritten = given().get("/catalog/products/" + id + "-7");
        assertThat(handWritten.header("X-Cache")).as("an entry the endpoint finds").isEqualTo("HIT");
        assertThat(handWritten.asString()).isEqualTo("bulk-" + id + "-7");

        assertThat(invalidator.evictTagAndAwait(tag)).as("entries the eviction removed").isEqualTo(LARGE_INDEX);

        assertThat(stillStored(keys)).as("entries left after the eviction").isEmpty();
        assertThat(store.members(tagIndex).await().atMost(Await.AT_MOST)).as("members left in the index").isEmpty();
        assertThat(cacheStatus("/catalog/products/" + id + "-" + (LARGE_INDEX - 1))).isEqualTo("MISS");
    }

    /** @return those of the keys whose entry the store still holds (an eviction leaves a tombstone, no entry) */
    List<String> stillStored(List<String> keys) {
        return Multi.createFrom().iterable(keys)
                .onItem().transformToUni(
                        key -> store.get(key).map(entry -> CachedResponseCodec.decode(entry) == null ? "" : key))
                .merge(CONCURRENT_STORE_CALLS).filter(key -> !key.isEmpty())
                .collect().asList().await().atMost(Duration.ofSeconds(60));
    }

    /** @return {@code <id>-0} to {@code <id>-<count - 1>} */
    static List<String> productIds(String id, int count) {
        List<String> productIds = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            productIds.add(id + "-" + i);
        }
        return productIds;
    }

    /**
     * Stores a fresh {@code bulk-<id>} entry of {@code /catalog/products/<id>} for each id, listed in one index, the
     * way the cache stores a response.
     *
     * @return their keys
     */
    List<String> putProducts(List<String> productIds, String index) {
        long expiresAt = clock.currentTimeMillis() + 60_000;
        List<String> keys = new ArrayList<>(productIds.size());
        for (String productId : productIds) {
            keys.add(keyBuilder.build(ResponseCacheKeyInput.forEndpoint(CatalogResource.class, "product")
                    .namespace("products").path("/catalog/products/" + productId).build()));
        }
        Multi.createFrom().range(0, productIds.size()).onItem().transformToUni(i -> {
            byte[] body = ("bulk-" + productIds.get(i)).getBytes(StandardCharsets.UTF_8);
            byte[] entry = CachedResponseCodec.encode(new CachedResponse(200, expiresAt, "\"bulk-" + i + "\"",
                    List.of(Map.entry("Content-Type", "text/plain;charset=UTF-8")), body));
            return store.put(keys.get(i), entry, Duration.ofSeconds(60), Map.of(index, keys.get(i)));
        }).merge(CONCURRENT_STORE_CALLS).collect().last().await().atMost(Duration.ofSeconds(60));
        return keys;
    }

    @Test
    void evictingANamespaceLeavesTheOthers() {
        String id = Await.unique();
        cached("/catalog/products/" + id + "/reviews");
        cached("/catalog/categories/" + id);

        assertThat(invalidator.evictNamespaceAndAwait("reviews")).isGreaterThanOrEqualTo(1);

        assertThat(cacheStatus("/catalog/products/" + id + "/reviews")).isEqualTo("MISS");
        assertThat(cacheStatus("/catalog/categories/" + id)).isEqualTo("HIT");
    }

    @Test
    void evictingOneKeyRemovesThatEntryOnly() {
        String id = Await.unique();
        cached("/catalog/products/" + id);
        cached("/catalog/products/" + id + "/reviews");
        String key = keyBuilder.build(ResponseCacheKeyInput
                .forEndpoint(CatalogResource.class, "product").namespace("products")
                .path("/catalog/products/" + id).build());

        assertThat(invalidator.evictKeyAndAwait(key)).isEqualTo(1);
        assertThat(invalidator.evictKeyAndAwait(key)).isZero();

        assertThat(cacheStatus("/catalog/products/" + id)).isEqualTo("MISS");
        assertThat(cacheStatus("/catalog/products/" + id + "/reviews")).isEqualTo("HIT");
    }

    @Test
    void evictingEverythingEmptiesEveryNamespace() {
        String id = Await.unique();
        cached("/catalog/products/" + id);
        cached("/catalog/categories/" + id);
        cached("/catalog/expiring/" + id);

        assertThat(invalidator.evictAllAndAwait()).isGreaterThanOrEqualTo(3);

        assertThat(cacheStatus("/catalog/products/" + id)).isEqualTo("MISS");
        assertThat(cacheStatus("/catalog/categories/" + id)).isEqualTo("MISS");
    }

    @Test
    void aSuccessfulWriteEvictsItsTagBeforeAnswering() {
        String id = Await.unique();
        String before = cached("/catalog/products/" + id);
        given().put("/catalog/products/" + id).then().statusCode(204);
        Response after = given().get("/catalog/products/" + id);
        assertThat(after.header("X-Cache")).isEqualTo("MISS");
        assertThat(after.asString()).isNotEqualTo(before);
    }

    @Test
    void aFailedWriteEvictsNothing() {
        String id = Await.unique();
        String before = cached("/catalog/products/" + id);
        given().queryParam("outcome", "throw").put("/catalog/products/" + id).then().statusCode(409);
        given().queryParam("outcome", "reject").put("/catalog/products/" + id).then().statusCode(422);
        Response after = given().get("/catalog/products/" + id);
        assertThat(after.header("X-Cache")).isEqualTo("HIT");
        assertThat(after.asString()).isEqualTo(before);
    }

    @Test
    void aDeleteEvictsItsNamespace() {
        String id = Await.unique();
        cached("/catalog/products/" + id);
        cached("/catalog/categories/" + id);
        given().delete("/catalog/products").then().statusCode(204);
        assertThat(cacheStatus("/catalog/products/" + id)).isEqualTo("MISS");
        assertThat(cacheStatus("/catalog/categories/" + id)).isEqualTo("HIT");
    }

    @Test
    void perEndpointConfigurationOverridesTheAnnotation() {
        Response overridden = given().get("/catalog/overridden/" + Await.unique());
        assertThat(overridden.header("Cache-Control")).isEqualTo("max-age=5");

        String path = "/catalog/switched-off/" + Await.unique();
        Response first = given().get(path);
        Response second = given().get(path);
        assertThat(second.header("X-Cache")).isNull();
        assertThat(second.asString()).isNotEqualTo(first.asString());
    }

    /**
     * A slow read takes the old version, then a write evicts its tag while the read still runs, then a read starts,
     * then the slow read ends: its response must not be stored, and neither that read nor any later one gets it.
     */
    @Test
    void aResponseComputedBeforeAnEvictionIsNeverServedAfterIt() {
        String id = Await.unique();
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CompletableFuture<Response> beforeTheWrite = slowReadHeldAtItsGate(id, gate);

        given().put("/freshness/" + id).then().statusCode(204);
        CompletableFuture<Response> afterTheWrite = CompletableFuture
                .supplyAsync(() -> given().get("/freshness/slow/" + id), BACKGROUND);
        FreshnessResource.GATES.remove(id);
        gate.complete(null);

        assertThat(beforeTheWrite.join().asString()).as("its own request began before the write")
                .isEqualTo(FreshnessResource.body("slow", id, 0));
        assertThat(afterTheWrite.join().asString()).isEqualTo(FreshnessResource.body("slow", id, 1));
        for (int i = 0; i < 3; i++) {
            assertThat(given().get("/freshness/slow/" + id).asString()).isEqualTo(FreshnessResource.body("slow", id, 1));
        }
    }

    /**
     * Starts a slow read of the item and waits until it has read version 0 and is held at {@code gate}.
     *
     * @return the read's response, once the gate is opened
     */
    static CompletableFuture<Response> slowReadHeldAtItsGate(String id, CompletableFuture<Void> gate) {
        FreshnessResource.GATES.put(id, gate);
        CompletableFuture<Response> read = CompletableFuture.supplyAsync(() -> given().get("/freshness/slow/" + id),
                BACKGROUND);
        Await.awaiting("the slow read to have read version 0").until(() -> FreshnessResource.WAITING.contains(id));
        return read;
    }

    /**
     * Readers keep reading (and storing) an item while it is written, round after round: every read that starts
     * after a write completed sees that write. Through the annotation, on a fast (non-blocking) and a slow endpoint.
     */
    @Test
    void everyReadThatStartsAfterAWriteSeesIt() {
        String id = Await.unique();
        List<String> stale = new ArrayList<>();
        for (int round = 1; round <= 25; round++) {
            CompletableFuture<?> readers = CompletableFuture.allOf(
                    CompletableFuture.runAsync(() -> ConcurrentRequests.get("/freshness/fast/" + id, 6), BACKGROUND),
                    CompletableFuture.runAsync(() -> ConcurrentRequests.get("/freshness/slow/" + id, 6), BACKGROUND));
            given().put("/freshness/" + id).then().statusCode(204);
            readAfterTheWrite("fast", id, round, "after the write", stale);
            readAfterTheWrite("slow", id, round, "after the write", stale);
            readers.join();
            readAfterTheWrite("fast", id, round, "after the readers", stale);
        }
        assertThat(stale).as("reads after a write that got another version").isEmpty();
    }

    /** Reads an item's version; when it is not {@code version}, notes what came back, and how (for a diagnosis). */
    private static void readAfterTheWrite(String kind, String id, int version, String when, List<String> stale) {
        Response read = given().get("/freshness/" + kind + "/" + id);
        if (!read.asString().equals(FreshnessResource.body(kind, id, version))) {
            stale.add("round " + version + ", " + kind + " read " + when + ": " + read.asString() + " ("
                    + read.header("Cache-Status") + ")");
        }
    }

    /** The same through {@code ResponseCacheInvalidator}, by namespace. */
    @Test
    void aNamespaceEvictionFromCodeIsSeenByEveryLaterRead() {
        String id = Await.unique();
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CompletableFuture<Response> beforeTheWrite = slowReadHeldAtItsGate(id, gate);

        FreshnessResource.VERSIONS.merge(id, 1, Integer::sum);
        invalidator.evictNamespaceAndAwait("freshness");
        FreshnessResource.GATES.remove(id);
        gate.complete(null);
        beforeTheWrite.join();

        assertThat(given().get("/freshness/slow/" + id).asString()).isEqualTo(FreshnessResource.body("slow", id, 1));
    }

    /**
     * Computations claim keys of one tag and store under their claims while the tag is evicted, round after round,
     * with every interleaving the store lets happen (on a cluster the tag's index and the entry live on different
     * nodes). Whatever got stored must stay listed in the tag's index: an entry the next eviction misses is served
     * after every later write, until it expires.
     */
    @Test
    void anEntryStoredWhileItsTagIsEvictedStaysReachableByTheNextEviction() {
        String tagIndex = indexes.tagIndex("race:" + Await.unique());
        Duration timeToLive = Duration.ofSeconds(60);
        byte[] entry = CachedResponseCodec.encode(new CachedResponse(200, clock.currentTimeMillis() + 60_000,
                "\"race\"", List.of(Map.entry("Content-Type", "text/plain")), "race".getBytes(StandardCharsets.UTF_8)));
        List<String> keys = new ArrayList<>();
        for (int round = 0; round < RACE_ROUNDS; round++) {
            List<CompletableFuture<Void>> racing = new ArrayList<>();
            for (int i = 0; i < CLAIMS_PER_RACE; i++) {
                String key = tagIndex + ":entry-" + round + "-" + i;
                keys.add(key);
                Map<String, String> memberships = Map.of(tagIndex, key);
                racing.add(store.claim(key, timeToLive, memberships)
                        .chain(claim -> store.putIfClaimed(key, claim, entry, timeToLive, memberships))
                        .replaceWithVoid().subscribeAsCompletionStage());
                if (i == round % CLAIMS_PER_RACE) {
                    // the eviction goes out among the claims, at a different place each round
                    racing.add(store.evictIndex(tagIndex).replaceWithVoid().subscribeAsCompletionStage());
                }
            }
            CompletableFuture.allOf(racing.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
        }

        store.evictIndex(tagIndex).await().atMost(Await.AT_MOST);

        assertThat(stillStored(keys)).as("entries stored during the races that the next eviction did not reach")
                .isEmpty();
    }

    /**
     * How a soft purge rewrites an entry as stale: only over what it read (an eviction in between wins), keeping the
     * entry's index memberships and never its life beyond what it had left.
     */
    @Test
    void anEntryIsRewrittenOnlyOverWhatWasReadAndKeepsItsIndexesAndItsExpiry() {
        String tagIndex = indexes.tagIndex("rewrite:" + Await.unique());
        String key = tagIndex + ":entry";
        Duration timeToLive = Duration.ofSeconds(60);
        byte[] entry = CachedResponseCodec.encode(new CachedResponse(200, clock.currentTimeMillis() + 60_000,
                "\"fresh\"", List.of(), "fresh".getBytes(StandardCharsets.UTF_8)));
        byte[] rewritten = CachedResponseCodec.encode(new CachedResponse(200, clock.currentTimeMillis(),
                "\"fresh\"", List.of(), "fresh".getBytes(StandardCharsets.UTF_8)));
        String read = EntryMarks.fingerprint(entry);
        Duration longer = Duration.ofHours(1);

        store.put(key, entry, timeToLive, Map.of(tagIndex, key)).await().atMost(Await.AT_MOST);
        store.delete(key).await().atMost(Await.AT_MOST);
        assertThat(store.replaceIfUnchanged(key, read, rewritten, longer).await().atMost(Await.AT_MOST))
                .as("rewritten over an eviction that came after the read").isFalse();
        assertThat(stillStored(List.of(key))).isEmpty();

        store.put(key, entry, timeToLive, Map.of(tagIndex, key)).await().atMost(Await.AT_MOST);
        assertThat(store.replaceIfUnchanged(key, read, rewritten, longer).await().atMost(Await.AT_MOST)).isTrue();
        assertThat(store.get(key).await().atMost(Await.AT_MOST)).isEqualTo(rewritten);
        assertStoreExpires(key, timeToLive);
        assertThat(store.evictIndex(tagIndex).await().atMost(Await.AT_MOST)).as("evicted through its tag").isEqualTo(1);
        assertThat(stillStored(List.of(key))).isEmpty();
    }
}
