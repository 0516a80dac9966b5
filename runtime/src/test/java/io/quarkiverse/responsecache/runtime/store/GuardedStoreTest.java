package io.quarkiverse.responsecache.runtime.store;

import static io.quarkiverse.responsecache.runtime.TestConfig.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.entry.CachedResponseCodec;
import io.quarkiverse.responsecache.runtime.store.FakeStore.Behaviour;
import io.quarkiverse.responsecache.runtime.time.FakeClock;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/**
 * Every call bounded by its timeout (the write timeout far above the lookup timeout, so a busy machine cannot blur them), every
 * outcome reported to the breaker, entries decoded.
 */
class GuardedStoreTest {

    static final Duration LOOKUP_TIMEOUT = Duration.ofMillis(50);
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(3);
    static final Duration PATIENCE = Duration.ofSeconds(10);
    static final CachedResponse RESPONSE = new CachedResponse(200, 1_900_000_000_000L, "\"e\"",
            List.of(Map.entry("Content-Type", "text/plain")), "hello".getBytes(StandardCharsets.UTF_8));

    final FakeClock clock = new FakeClock();
    final FakeStore store = new FakeStore(clock);
    final GuardedStore guarded = new GuardedStore(store, config(
            "quarkus.response-cache.lookup-timeout", "50ms",
            "quarkus.response-cache.write-timeout", "3s",
            "quarkus.response-cache.circuit-breaker.failure-threshold", "2",
            "quarkus.response-cache.circuit-breaker.open-duration", "10s"), clock);

    static <T> T now(Uni<T> operation) {
        return operation.await().atMost(PATIENCE);
    }

    static <T> Throwable failureOf(Uni<T> operation) {
        return operation.subscribe().withSubscriber(UniAssertSubscriber.create()).awaitFailure(PATIENCE).getFailure();
    }

    @Test
    void aStoredResponseIsDecoded() {
        now(guarded.put("k", RESPONSE, Duration.ofSeconds(10), Map.of()));
        assertThat(now(store.memory.get("k"))).isEqualTo(CachedResponseCodec.encode(RESPONSE));
        CachedResponse found = now(guarded.get("k"));
        assertThat(found.etag()).isEqualTo("\"e\"");
        assertThat(found.body()).isEqualTo(RESPONSE.body());
        assertThat(found.headers()).containsExactlyElementsOf(RESPONSE.headers());
    }

    @Test
    void aMissAndAnEntryThatDoesNotDecodeAreBothNull() {
        assertThat(now(guarded.get("absent"))).isNull();
        now(store.memory.put("garbage", "written by someone else".getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(10), Map.of()));
        assertThat(now(guarded.get("garbage"))).isNull();
    }

    @Test
    void aPutJoinsItsIndexes() {
        now(guarded.put("k", RESPONSE, Duration.ofSeconds(10), Map.of("#tag:t", "k")));
        assertThat(now(guarded.members("#tag:t"))).containsExactly("k");
        assertThat(now(guarded.evictIndex("#tag:t"))).isEqualTo(1L);
        now(guarded.put("k", RESPONSE, Duration.ofSeconds(10), Map.of()));
        assertThat(now(guarded.delete("k"))).isEqualTo(1L);
    }

    @Test
    void aLookupThatGetsNoAnswerFailsAfterTheLookupTimeout() {
        store.gets = Behaviour.HANG;
        long start = System.nanoTime();
        assertThat(failureOf(guarded.get("k"))).isInstanceOf(TimeoutException.class);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(LOOKUP_TIMEOUT).isLessThan(WRITE_TIMEOUT);
    }

    @Test
    void aWriteThatGetsNoAnswerFailsAfterTheWriteTimeout() {
        store.puts = Behaviour.HANG;
        long start = System.nanoTime();
        assertThat(failureOf(guarded.put("k", RESPONSE, Duration.ofSeconds(10), Map.of())))
                .isInstanceOf(TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(WRITE_TIMEOUT);
    }

    @Test
    void aLockThatGetsNoAnswerFailsAfterTheLookupTimeout() {
        store.locks = Behaviour.HANG;
        long start = System.nanoTime();
        assertThat(failureOf(guarded.tryLock("k:lock", "me", Duration.ofSeconds(5))))
                .isInstanceOf(TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(LOOKUP_TIMEOUT)
                .isLessThan(WRITE_TIMEOUT);
    }

    @Test
    void failuresInARowOpenTheBreaker() {
        store.gets = Behaviour.FAIL;
        assertThat(guarded.available()).isTrue();
        assertThat(failureOf(guarded.get("k"))).hasMessage("the store is down");
        assertThat(guarded.available()).isTrue();
        assertThat(failureOf(guarded.get("k"))).hasMessage("the store is down");
        assertThat(guarded.available()).isFalse();
        clock.advance(Duration.ofSeconds(10));
        assertThat(guarded.available()).as("the probe").isTrue();
        store.gets = Behaviour.ANSWER;
        assertThat(now(guarded.get("k"))).isNull();
        assertThat(guarded.available()).isTrue();
        assertThat(guarded.available()).as("closed again").isTrue();
    }

    @Test
    void timeoutsAreFailuresToo() {
        store.gets = Behaviour.HANG;
        failureOf(guarded.get("k"));
        failureOf(guarded.get("k"));
        assertThat(guarded.available()).isFalse();
    }

    @Test
    void writesAndLocksReportToTheWritesBreakerNotToTheLookupsOne() {
        store.puts = Behaviour.FAIL;
        store.locks = Behaviour.FAIL;
        failureOf(guarded.put("k", RESPONSE, Duration.ofSeconds(10), Map.of()));
        failureOf(guarded.tryLock("k:lock", "me", Duration.ofSeconds(5)));
        assertThat(guarded.acceptsWrites()).isFalse();
        assertThat(guarded.available()).as("lookups still work").isTrue();
        assertThat(guarded.isOpen()).isFalse();
    }

    /** Redis at maxmemory with noeviction, or an index of the wrong type: lookups answer, every write fails. */
    @Test
    void aStoreThatReadsButRefusesEveryWriteOpensTheWritesBreaker() {
        store.puts = Behaviour.FAIL;
        for (int i = 0; i < 2; i++) {
            assertThat(now(guarded.get("k"))).isNull();
            assertThat(guarded.acceptsWrites()).isTrue();
            failureOf(guarded.put("k", RESPONSE, Duration.ofSeconds(10), Map.of()));
        }
        assertThat(now(guarded.get("k"))).isNull();
        assertThat(guarded.acceptsWrites()).as("the successful lookups in between do not keep it closed").isFalse();
        assertThat(guarded.available()).isTrue();

        clock.advance(Duration.ofSeconds(10));
        assertThat(guarded.acceptsWrites()).as("one write probes after the open period").isTrue();
        assertThat(guarded.acceptsWrites()).isFalse();
        store.puts = Behaviour.ANSWER;
        now(guarded.put("k", RESPONSE, Duration.ofSeconds(10), Map.of()));
        assertThat(guarded.acceptsWrites()).as("the probe's success closed it").isTrue();
        assertThat(guarded.acceptsWrites()).isTrue();
    }

    @Test
    void aSuccessBetweenFailuresKeepsTheBreakerClosed() {
        store.gets = Behaviour.FAIL;
        failureOf(guarded.get("k"));
        now(store.memory.put("k", CachedResponseCodec.encode(RESPONSE), Duration.ofSeconds(10), Map.of()));
        store.gets = Behaviour.ANSWER;
        now(guarded.get("k"));
        store.gets = Behaviour.FAIL;
        failureOf(guarded.get("k"));
        assertThat(guarded.available()).isTrue();
    }

    @Test
    void aSuccessfulWriteDoesNotCloseTheLookupsBreaker() {
        store.gets = Behaviour.FAIL;
        failureOf(guarded.get("k"));
        now(guarded.put("k", RESPONSE, Duration.ofSeconds(10), Map.of()));
        now(guarded.tryLock("k:lock", "me", Duration.ofSeconds(5)));
        now(guarded.unlock("k:lock", "me"));
        failureOf(guarded.get("k"));
        assertThat(guarded.available()).isFalse();
    }

    @Test
    void aFailedUnlockIsReportedNotRaised() {
        store.unlocks = Behaviour.FAIL;
        assertThat(now(guarded.unlock("k:lock", "me"))).isNull();
        assertThat(now(guarded.unlock("k:lock", "me"))).isNull();
        assertThat(guarded.acceptsWrites()).isFalse();
    }

    @Test
    void aSuccessfulUnlockDoesNotCloseTheWritesBreaker() {
        // a store that refuses new data still deletes
        store.puts = Behaviour.FAIL;
        failureOf(guarded.put("k", RESPONSE, Duration.ofSeconds(10), Map.of()));
        now(guarded.unlock("k:lock", "me"));
        failureOf(guarded.put("k", RESPONSE, Duration.ofSeconds(10), Map.of()));
        assertThat(guarded.acceptsWrites()).isFalse();
    }

    @Test
    void anUnlockThatGetsNoAnswerEndsAfterTheWriteTimeout() {
        store.unlocks = Behaviour.HANG;
        long start = System.nanoTime();
        assertThat(now(guarded.unlock("k:lock", "me"))).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(WRITE_TIMEOUT);
    }

    @Test
    void locksGoThroughToTheStore() {
        assertThat(now(guarded.tryLock("k:lock", "me", Duration.ofSeconds(5)))).isTrue();
        assertThat(now(guarded.tryLock("k:lock", "you", Duration.ofSeconds(5)))).isFalse();
        now(guarded.unlock("k:lock", "me"));
        assertThat(now(guarded.tryLock("k:lock", "you", Duration.ofSeconds(5)))).isTrue();
    }

    @Test
    void theStoreWarmsUpAtStartup() {
        guarded.onStart(new StartupEvent());
        assertThat(store.warmUpCalls).hasValue(1);
        assertThat(guarded.available()).isTrue();
    }

    @Test
    void aStoreThatCannotWarmUpIsJudgedByItsRequestsAlone() {
        store.warmUps = Behaviour.FAIL;
        store.gets = Behaviour.FAIL;
        guarded.onStart(new StartupEvent());
        assertThat(store.warmUpCalls).hasValue(1);
        failureOf(guarded.get("k"));
        assertThat(guarded.available()).as("the warm-up's failure is not counted").isTrue();
        failureOf(guarded.get("k"));
        assertThat(guarded.available()).isFalse();
    }
}
