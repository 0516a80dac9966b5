package io.quarkiverse.responsecache.runtime.coordination;

import static io.quarkiverse.responsecache.runtime.TestConfig.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoint;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.entry.EntryRules;
import io.quarkiverse.responsecache.runtime.http.HttpCacheHeaders;
import io.quarkiverse.responsecache.runtime.invalidation.EntryIndexes;
import io.quarkiverse.responsecache.runtime.observe.CacheDetail;
import io.quarkiverse.responsecache.runtime.observe.CacheForward;
import io.quarkiverse.responsecache.runtime.observe.CacheOutcome;
import io.quarkiverse.responsecache.runtime.observe.ResponseCacheEvents;
import io.quarkiverse.responsecache.runtime.store.FakeStore;
import io.quarkiverse.responsecache.runtime.store.GuardedStore;
import io.quarkiverse.responsecache.runtime.time.FakeClock;
import io.smallrye.mutiny.Uni;

/**
 * The decision table of a request whose key is known, without a REST context: a fresh entry replays, a missing one
 * computes under a claim, a stale one replays or goes with the compute as a fallback, a follower takes its leader's
 * response, a failing store is bypassed, a forged entry is a miss.
 */
class CacheDecisionsTest {

    static final String KEY = "response-cache:products:abc";
    static final Duration PATIENCE = Duration.ofSeconds(5);

    final FakeClock clock = new FakeClock();
    final FakeStore store = new FakeStore(clock);
    final ResponseCacheConfig config = config("quarkus.response-cache.distributed-lock.enabled", "false");
    final GuardedStore guarded = new GuardedStore(store, config, clock);
    final MissCoordinator coordinator = new MissCoordinator(guarded, config, clock);
    boolean backgroundRefresh = true;
    KeyClaims claims;

    KeyClaims claims() {
        claims = new KeyClaims(guarded, new EntryIndexes(guarded, config, clock), null, 100, coordinator,
                ResponseCacheEvents.none());
        return claims;
    }

    final CacheDecisions decisions = new CacheDecisions(guarded, coordinator,
            claims(),
            new EntryRules(Set.of(200, 404), name -> false), clock, policy -> backgroundRefresh,
            entry -> true);

    /** An endpoint fresh for 60 s, then stale-while-revalidate 30 s, then stale-if-error 60 s more. */
    final EndpointPolicy policy = EndpointPolicy.of(new CachedEndpoint("Products#list", "Products.list", "products",
            List.of(), 60, List.of(), List.of(), false, false, 30, 90), config);

    TestRequest request() {
        return new TestRequest(KEY, policy);
    }

    CachedResponse response(String body, int status) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new CachedResponse(status, clock.currentTimeMillis() + 60_000, HttpCacheHeaders.strongETag(bytes),
                List.of(Map.entry("Content-Type", "text/plain")), bytes);
    }

    void stored(CachedResponse response) {
        guarded.put(KEY, response, Duration.ofMinutes(10), Map.of()).await().atMost(PATIENCE);
    }

    CacheDecision decide(TestRequest request, CacheDecisions.Start start) {
        return decisions.decide(request, start).await().atMost(PATIENCE);
    }

    static String body(CachedResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aFreshEntryReplays() {
        stored(response("fresh", 200));
        CacheDecision decision = decide(request(), CacheDecisions.Start.LOOKUP);
        assertThat(decision).isInstanceOf(CacheDecision.Replay.class);
        CacheDecision.Replay replay = (CacheDecision.Replay) decision;
        assertThat(body(replay.response())).isEqualTo("fresh");
        assertThat(replay.outcome()).isEqualTo(CacheOutcome.HIT);
        assertThat(replay.detail()).isNull();
        assertThat(replay.refresh()).isFalse();
    }

    @Test
    void aMissComputesUnderAClaimAndItsStoredResponseReplaysNext() {
        TestRequest first = request();
        CacheDecision decision = decide(first, CacheDecisions.Start.LOOKUP);
        assertThat(decision).isInstanceOf(CacheDecision.Compute.class);
        CacheDecision.Compute compute = (CacheDecision.Compute) decision;
        assertThat(compute.forward()).isEqualTo(CacheForward.URI_MISS);
        assertThat(compute.detail()).isEqualTo(CacheDetail.ABSENT);
        assertThat(compute.staleFallback()).isNull();
        assertThat(compute.claim()).as("a claim to store under").isNotNull();
        assertThat(first.computation.leads()).isTrue();

        claims.store(first.computation, compute.claim(), KEY, response("computed", 200));
        org.awaitility.Awaitility.await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                decide(request(), CacheDecisions.Start.LOOKUP)).isInstanceOf(CacheDecision.Replay.class));
    }

    @Test
    void aFollowerReplaysItsLeadersResponseAsCoalesced() {
        TestRequest leader = request();
        CacheDecision.Compute compute = (CacheDecision.Compute) decide(leader, CacheDecisions.Start.LOOKUP);
        Uni<CacheDecision> follower = decisions.decide(request(), CacheDecisions.Start.LOOKUP);
        var waiting = follower.subscribe().withSubscriber(
                io.smallrye.mutiny.helpers.test.UniAssertSubscriber.<CacheDecision> create());
        waiting.assertNotTerminated();

        claims.store(leader.computation, compute.claim(), KEY, response("computed once", 200));
        CacheDecision decision = waiting.awaitItem(PATIENCE).getItem();
        assertThat(decision).isInstanceOf(CacheDecision.Replay.class);
        assertThat(((CacheDecision.Replay) decision).outcome()).isEqualTo(CacheOutcome.COALESCED);
        assertThat(((CacheDecision.Replay) decision).detail()).isEqualTo(CacheDetail.COALESCED);
        assertThat(body(((CacheDecision.Replay) decision).response())).isEqualTo("computed once");
    }

    @Test
    void aStaleEntryWithinStaleWhileRevalidateReplaysAndStartsARefresh() {
        stored(response("stale", 200));
        clock.advance(Duration.ofSeconds(70));
        CacheDecision.Replay replay = (CacheDecision.Replay) decide(request(), CacheDecisions.Start.LOOKUP);
        assertThat(replay.outcome()).isEqualTo(CacheOutcome.STALE);
        assertThat(replay.detail()).isEqualTo(CacheDetail.STALE);
        assertThat(replay.refresh()).isTrue();

        backgroundRefresh = false;
        CacheDecision decision = decide(request(), CacheDecisions.Start.LOOKUP);
        assertThat(decision).as("without background refresh, the first request computes").isInstanceOf(
                CacheDecision.Compute.class);
        assertThat(((CacheDecision.Compute) decision).forward()).isEqualTo(CacheForward.STALE);
        assertThat(((CacheDecision.Compute) decision).detail()).isEqualTo(CacheDetail.EXPIRED);
    }

    @Test
    void aStaleEntryPastStaleWhileRevalidateGoesWithTheComputeAsAFallback() {
        stored(response("stale", 200));
        clock.advance(Duration.ofSeconds(100));
        TestRequest first = request();
        CacheDecision.Compute compute = (CacheDecision.Compute) decide(first, CacheDecisions.Start.LOOKUP);
        assertThat(compute.forward()).isEqualTo(CacheForward.STALE);
        assertThat(body(compute.staleFallback())).isEqualTo("stale");
        // the request ended without a response to store: the next one leads
        decisions.ended(first.computation, compute.claim());

        clock.advance(Duration.ofSeconds(60));
        compute = (CacheDecision.Compute) decide(request(), CacheDecisions.Start.LOOKUP);
        assertThat(compute.staleFallback()).as("past stale-if-error too").isNull();
    }

    @Test
    void anEntryTheRulesRefuseIsAMiss() {
        stored(response("a status never cacheable", 500));
        assertThat(decide(request(), CacheDecisions.Start.LOOKUP)).isInstanceOf(CacheDecision.Compute.class);
    }

    @Test
    void aFailingLookupBypasses() {
        stored(response("fresh", 200));
        store.gets = FakeStore.Behaviour.FAIL;
        CacheDecision decision = decide(request(), CacheDecisions.Start.LOOKUP);
        assertThat(decision).isEqualTo(new CacheDecision.Bypass(CacheForward.BYPASS, CacheDetail.STORE_UNAVAILABLE));
    }

    @Test
    void noCacheAndARefreshComputeWithoutALookup() {
        stored(response("fresh", 200));
        // a lookup would fail and bypass (the claim, which reads the key through the same failing call, is lost)
        store.gets = FakeStore.Behaviour.FAIL;
        CacheDecision revalidate = decide(request(), CacheDecisions.Start.REVALIDATE);
        CacheDecision refresh = decide(request(), CacheDecisions.Start.REFRESH);
        assertThat(revalidate).isInstanceOf(CacheDecision.Compute.class);
        assertThat(refresh).isInstanceOf(CacheDecision.Compute.class);
        assertThat(((CacheDecision.Compute) revalidate).forward()).isEqualTo(CacheForward.REQUEST);
        assertThat(((CacheDecision.Compute) refresh).forward()).isEqualTo(CacheForward.STALE);
        assertThat(((CacheDecision.Compute) refresh).detail()).as("no claim: nothing is stored")
                .isEqualTo(CacheDetail.WRITES_UNAVAILABLE);

        store.gets = FakeStore.Behaviour.ANSWER;
        CacheDecision.Compute claimed = (CacheDecision.Compute) decide(request(), CacheDecisions.Start.REVALIDATE);
        assertThat(claimed.claim()).isNotNull();
        assertThat(claimed.detail()).isEqualTo(CacheDetail.REQUEST_NO_CACHE);
        decisions.ended(null, claimed.claim());
        claimed = (CacheDecision.Compute) decide(request(), CacheDecisions.Start.REFRESH);
        assertThat(claimed.detail()).isEqualTo(CacheDetail.BACKGROUND_REFRESH);
    }
}
