package io.quarkiverse.responsecache.runtime.coordination;

import static io.quarkiverse.responsecache.runtime.TestConfig.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.edge.EdgeHeaders;
import io.quarkiverse.responsecache.runtime.edge.EdgeKeys;
import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoint;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.entry.EntryRules;
import io.quarkiverse.responsecache.runtime.entry.StoredCompression;
import io.quarkiverse.responsecache.runtime.http.HttpCacheHeaders;
import io.quarkiverse.responsecache.runtime.invalidation.EntryIndexes;
import io.quarkiverse.responsecache.runtime.key.VariedHeaders;
import io.quarkiverse.responsecache.runtime.lifetime.ResponseLifetimes;
import io.quarkiverse.responsecache.runtime.store.FakeStore;
import io.quarkiverse.responsecache.runtime.store.GuardedStore;
import io.quarkiverse.responsecache.runtime.time.FakeClock;
import io.quarkiverse.responsecache.spi.ResponseCachePolicy;

/**
 * The table of what becomes of a computed response, without a REST context: what is stored, under which key, with
 * which ETag, lifetime and replayed headers, and what is refused.
 */
class StoreDecisionsTest {

    static final String KEY = "response-cache:products:abc";
    static final long MAX_BODY_SIZE = 64;

    final FakeClock clock = new FakeClock();
    /** An endpoint fresh for 60 s, caching 200 and 404. */
    final EndpointPolicy policy = EndpointPolicy.of(new CachedEndpoint("Products#list", "Products.list", "products",
            List.of(), 60, List.of(), List.of(), false, false, 30, 90), config());
    final KeyClaim claim = new KeyClaim(KEY, "token", policy, Map.of(), null, List.of(), "/products");
    Duration retentionLeft = Duration.ofMinutes(10);
    final List<Set<String>> rekeyed = new ArrayList<>();
    /** A policy bean that refuses responses carrying {@code X-Refuse}. */
    final ResponseCachePolicy refusing = candidate -> candidate.header("X-Refuse") != null ? Duration.ZERO
            : candidate.lifetime();

    StoreDecisions decisions(String... properties) {
        ResponseCacheConfig config = config(properties);
        GuardedStore store = new GuardedStore(new FakeStore(clock), config, clock);
        return new StoreDecisions(MAX_BODY_SIZE, new EntryRules(Set.of(200, 404), name -> false),
                ignored -> retentionLeft, new VariedHeaders(),
                new ResponseLifetimes(new ResponseCachePolicy[] { refusing }, () -> 0.0),
                new EdgeHeaders(config, new EntryIndexes(store, config, clock)), clock);
    }

    final StoreDecisions decisions = decisions();

    TestRequest request() {
        return new TestRequest(KEY, policy);
    }

    /** @param headers names and values, in turns */
    StoreDecision decide(StoreDecisions decisions, TestRequest request, int status, String body, String... headers) {
        List<Map.Entry<String, String>> lines = new ArrayList<>();
        for (int i = 0; i < headers.length; i += 2) {
            lines.add(Map.entry(headers[i], headers[i + 1]));
        }
        return decisions.decide(request, claim,
                new StoreDecisions.Computed(status, lines, body.getBytes(StandardCharsets.UTF_8), body),
                StoredCompression.NONE, varied -> {
                    rekeyed.add(varied);
                    return KEY + ";" + String.join(",", new TreeSet<>(varied));
                });
    }

    StoreDecision decide(int status, String body, String... headers) {
        return decide(decisions, request(), status, body, headers);
    }

    static String body(CachedResponse entry) {
        return new String(entry.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aCacheableResponseIsStoredForItsLifetimeWithTheHeadersAHitReplays() {
        StoreDecision decision = decide(200, "[1,2]", "Content-Type", "application/json", "X-Total", "2",
                "Connection", "close", "Date", "Mon, 01 Jan 2024 00:00:00 GMT");

        assertThat(decision.stores()).isTrue();
        assertThat(decision.key()).isEqualTo(KEY);
        assertThat(rekeyed).isEmpty();
        CachedResponse entry = decision.entry();
        assertThat(entry.status()).isEqualTo(200);
        assertThat(body(entry)).isEqualTo("[1,2]");
        assertThat(entry.storedAtMillis()).isEqualTo(clock.currentTimeMillis());
        assertThat(entry.expiresAtMillis()).isEqualTo(clock.currentTimeMillis() + 60_000);
        assertThat(entry.headers()).as("headers of one connection are not replayed")
                .containsExactly(Map.entry("Content-Type", "application/json"), Map.entry("X-Total", "2"));
        assertThat(decision.edgeTags()).isNull();
    }

    @Test
    void aStatusTheEndpointDoesNotCacheIsNotStored() {
        assertThat(decide(404, "none").stores()).isTrue();
        assertThat(decide(500, "failed").stores()).isFalse();
    }

    @Test
    void aResponseThatSetsACookieIsNotStored() {
        assertThat(decide(200, "hello", "Set-Cookie", "session=1").stores()).isFalse();
    }

    @Test
    void cacheControlNoStoreOrPrivateIsNotStored() {
        assertThat(decide(200, "hello", "Cache-Control", "no-store").stores()).isFalse();
        assertThat(decide(200, "hello", "Cache-Control", "private, max-age=60").stores()).isFalse();
        assertThat(decide(200, "hello", "Cache-Control", "public, max-age=60").stores()).isTrue();
    }

    @Test
    void varyStarIsNotStoredAndKeepsTheKey() {
        StoreDecision decision = decide(200, "hello", "Vary", "Accept-Language, *");
        assertThat(decision.stores()).isFalse();
        assertThat(decision.key()).isEqualTo(KEY);
        assertThat(rekeyed).isEmpty();
    }

    @Test
    void aHeaderLearnedFromVaryReKeysTheEntry() {
        StoreDecision decision = decide(200, "bonjour", "Vary", "Accept-Language");
        assertThat(decision.stores()).isTrue();
        assertThat(rekeyed).containsExactly(Set.of("accept-language"));
        assertThat(decision.key()).isEqualTo(KEY + ";accept-language");
        assertThat(decision.varied()).containsExactly("accept-language");

        // a request whose key already held it keeps its key
        TestRequest keyed = request();
        keyed.varied = Set.of("accept-language");
        StoreDecision again = decide(decisions, keyed, 200, "bonjour", "Vary", "Accept-Language");
        assertThat(again.stores()).isTrue();
        assertThat(again.key()).isEqualTo(KEY);
        assertThat(rekeyed).hasSize(1);
    }

    @Test
    void aHeaderLearnedFromVaryReKeysEvenWhenTheResponseIsThenRefused() {
        StoreDecision decision = decide(200, "bonjour", "Vary", "Accept-Language", "X-Refuse", "yes");
        assertThat(decision.stores()).isFalse();
        assertThat(decision.key()).isEqualTo(KEY + ";accept-language");
    }

    @Test
    void theEndpointsETagIsKeptWhenValidElseTheBodysStrongETag() {
        assertThat(decide(200, "hello", "ETag", "W/\"v7\"").entry().etag()).isEqualTo("W/\"v7\"");
        String strong = HttpCacheHeaders.strongETag("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(decide(200, "hello", "ETag", "v7").entry().etag()).as("not an entity tag").isEqualTo(strong);
        assertThat(decide(200, "hello").entry().etag()).isEqualTo(strong);
    }

    @Test
    void noLifetimeIsNotStored() {
        assertThat(decide(200, "hello", "X-Refuse", "yes").stores()).isFalse();
    }

    @Test
    void aBodyOverMaxBodySizeIsNotStored() {
        char[] limit = new char[(int) MAX_BODY_SIZE];
        Arrays.fill(limit, 'a');
        assertThat(decide(200, new String(limit)).stores()).isTrue();
        assertThat(decide(200, new String(limit) + "a").stores()).isFalse();
    }

    @Test
    void aClaimWhoseRetentionRanOutIsNotStored() {
        retentionLeft = Duration.ZERO;
        assertThat(decide(200, "hello").stores()).isFalse();
    }

    @Test
    void theEdgeKeysNameTheLearnedKeyAndReplaceTheEndpointsOwnHeader() {
        StoreDecisions tagging = decisions("quarkus.response-cache.edge.tag-header", "xkey");
        StoreDecision decision = decide(tagging, request(), 200, "bonjour", "Vary", "Accept-Language",
                "xkey", "mine");
        Map.Entry<String, String> tags = decision.edgeTags();
        assertThat(tags.getKey()).isEqualTo("xkey");
        assertThat(tags.getValue().split(" ")).contains(EdgeKeys.of(KEY + ";accept-language"))
                .doesNotContain(EdgeKeys.of(KEY), "mine");
        assertThat(decision.entry().headers()).containsExactly(Map.entry("Vary", "Accept-Language"), tags);
    }
}
