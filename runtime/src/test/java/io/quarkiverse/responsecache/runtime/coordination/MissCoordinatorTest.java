package io.quarkiverse.responsecache.runtime.coordination;

import static io.quarkiverse.responsecache.runtime.TestConfig.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.entry.CachedResponseCodec;
import io.quarkiverse.responsecache.runtime.http.HttpCacheHeaders;
import io.quarkiverse.responsecache.runtime.store.FakeStore;
import io.quarkiverse.responsecache.runtime.store.FakeStore.Behaviour;
import io.quarkiverse.responsecache.runtime.store.GuardedStore;
import io.quarkiverse.responsecache.runtime.time.FakeClock;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/**
 * One request per key runs the endpoint: in this instance, followers take the leader's response; across instances
 * (two coordinators over one store here), the lock holder computes and the others poll for its entry.
 */
class MissCoordinatorTest {

    static final String KEY = "response-cache:products:abc";
    static final Duration PATIENCE = Duration.ofSeconds(5);
    static final Uni<Boolean> WRITTEN = Uni.createFrom().item(true);

    final FakeClock clock = new FakeClock();
    final FakeStore store = new FakeStore(clock);

    MissCoordinator coordinator(String... properties) {
        var config = config(properties);
        return new MissCoordinator(new GuardedStore(store, config, clock), config, clock);
    }

    /** An instance of the application with the distributed lock on; all instances share {@link #store}. */
    MissCoordinator instance() {
        return coordinator("quarkus.response-cache.distributed-lock.enabled", "true",
                "quarkus.response-cache.distributed-lock.lease", "10s",
                "quarkus.response-cache.distributed-lock.max-wait", "3s");
    }

    CachedResponse response(String body, long freshForMillis) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new CachedResponse(200, clock.currentTimeMillis() + freshForMillis, HttpCacheHeaders.strongETag(bytes),
                List.of(Map.entry("Content-Type", "text/plain")), bytes);
    }

    static <T> T now(Uni<T> uni) {
        return uni.await().atMost(PATIENCE);
    }

    static <T> UniAssertSubscriber<T> subscribe(Uni<T> uni) {
        return uni.subscribe().withSubscriber(UniAssertSubscriber.create());
    }

    /** @return a lookup start strictly after everything that happened before this call */
    static long later(MissCoordinator coordinator) {
        long before = System.nanoTime();
        while (System.nanoTime() == before) {
            Thread.onSpinWait();
        }
        return coordinator.lookupStarts();
    }

    boolean lockIsHeld() {
        // another holder's attempt: taking it (and giving it back) means it was free
        Boolean taken = now(store.memory.tryLock(KEY + ":lock", "observer", Duration.ofSeconds(1)));
        if (taken) {
            now(store.memory.unlock(KEY + ":lock", "observer"));
        }
        return !taken;
    }

    @Test
    void theFirstMissLeadsAndTheNextOnesFollow() {
        MissCoordinator coordinator = coordinator();
        long start = coordinator.lookupStarts();
        assertThat(coordinator.join(KEY, start).leads()).isTrue();
        assertThat(coordinator.join(KEY, start).leads()).isFalse();
        assertThat(coordinator.join(KEY, later(coordinator)).leads()).isFalse();
        assertThat(coordinator.join("another key", start).leads()).as("keys do not wait for each other").isTrue();
    }

    @Test
    void followersGetTheLeadersResponseOnceItIsStored() {
        MissCoordinator coordinator = coordinator();
        long start = coordinator.lookupStarts();
        Computation leader = coordinator.join(KEY, start);
        UniAssertSubscriber<CachedResponse> first = subscribe(coordinator.awaitLeader(coordinator.join(KEY, start)));
        UniAssertSubscriber<CachedResponse> second = subscribe(coordinator.awaitLeader(coordinator.join(KEY, start)));
        first.assertNotTerminated();

        CachedResponse response = response("fresh", 60_000);
        CompletableFuture<Boolean> write = new CompletableFuture<>();
        coordinator.completed(leader, response, Uni.createFrom().completionStage(write));
        Computation whileWriting = coordinator.join(KEY, later(coordinator));
        assertThat(whileWriting.leads()).as("the entry has not landed: nobody could have seen it").isFalse();
        first.assertNotTerminated();
        write.complete(true);

        assertThat(first.awaitItem(PATIENCE).getItem()).isSameAs(response);
        assertThat(second.awaitItem(PATIENCE).getItem()).isSameAs(response);
        assertThat(now(coordinator.awaitLeader(whileWriting))).isSameAs(response);
    }

    @Test
    void whenTheStoreIsRefusedAfterAnEvictionTheFollowersComputeThemselves() {
        MissCoordinator coordinator = coordinator();
        long start = coordinator.lookupStarts();
        Computation leader = coordinator.join(KEY, start);
        UniAssertSubscriber<CachedResponse> follower = subscribe(
                coordinator.awaitLeader(coordinator.join(KEY, start)));
        coordinator.completed(leader, response("computed before the eviction", 60_000), Uni.createFrom().item(false));

        assertThat(follower.awaitItem(PATIENCE).getItem()).isNull();
        assertThat(coordinator.join(KEY, later(coordinator)).leads()).as("the refused flight is over").isTrue();
    }

    @Test
    void aFollowerThatSawATombstoneTheLeaderDidNotSeeIsNotHandedItsResponse() {
        MissCoordinator coordinator = coordinator();
        long start = coordinator.lookupStarts();
        Computation leader = coordinator.join(KEY, start, "");
        leader.claimed("placeholder");
        Computation sawNothing = coordinator.join(KEY, start, "");
        Computation sawThePlaceholder = coordinator.join(KEY, start, "placeholder");
        Computation sawATombstone = coordinator.join(KEY, start, "tombstone");
        CachedResponse response = response("fresh", 60_000);
        coordinator.completed(leader, response, WRITTEN);

        assertThat(now(coordinator.awaitLeader(sawNothing))).isSameAs(response);
        assertThat(now(coordinator.awaitLeader(sawThePlaceholder))).isSameAs(response);
        assertThat(now(coordinator.awaitLeader(sawATombstone))).as("an eviction ran after the leader looked").isNull();
    }

    @Test
    void aLookupThatBeganBeforeTheWriteLandedTakesTheLeadersResponse() {
        MissCoordinator coordinator = coordinator();
        Computation leader = coordinator.join(KEY, coordinator.lookupStarts());
        long missedTheWrite = coordinator.lookupStarts();
        CachedResponse response = response("fresh", 60_000);
        coordinator.completed(leader, response, WRITTEN);

        Computation late = coordinator.join(KEY, missedTheWrite);
        assertThat(late.leads()).isFalse();
        assertThat(now(coordinator.awaitLeader(late))).isSameAs(response);
    }

    @Test
    void aLookupThatBeganAfterTheWriteLandedAndMissedLeadsAnew() {
        MissCoordinator coordinator = coordinator();
        Computation leader = coordinator.join(KEY, coordinator.lookupStarts());
        coordinator.completed(leader, response("evicted since", 60_000), WRITTEN);

        long afterTheWrite = later(coordinator);
        Computation next = coordinator.join(KEY, afterTheWrite);
        assertThat(next.leads()).as("the entry it missed is gone: evicted, or expired").isTrue();
        Computation follower = coordinator.join(KEY, afterTheWrite);
        assertThat(follower.leads()).isFalse();
        UniAssertSubscriber<CachedResponse> waiting = subscribe(coordinator.awaitLeader(follower));
        waiting.assertNotTerminated();
        CachedResponse recomputed = response("recomputed", 60_000);
        coordinator.completed(next, recomputed, WRITTEN);
        assertThat(waiting.awaitItem(PATIENCE).getItem()).isSameAs(recomputed);
    }

    @Test
    void aWrittenResponseIsForgottenOneLookupTimeoutLater() {
        MissCoordinator coordinator = coordinator("quarkus.response-cache.lookup-timeout", "50ms");
        long start = coordinator.lookupStarts();
        Computation leader = coordinator.join(KEY, start);
        coordinator.completed(leader, response("fresh", 60_000), WRITTEN);
        assertThat(coordinator.join(KEY, start).leads()).isFalse();
        await().atMost(PATIENCE).until(() -> coordinator.join(KEY, start).leads());
    }

    @Test
    void anAbandonedComputationSendsItsFollowersToComputeThemselves() {
        MissCoordinator coordinator = coordinator();
        long start = coordinator.lookupStarts();
        Computation leader = coordinator.join(KEY, start);
        Computation follower = coordinator.join(KEY, start);
        UniAssertSubscriber<CachedResponse> waiting = subscribe(coordinator.awaitLeader(follower));
        coordinator.abandoned(leader);
        assertThat(waiting.awaitItem(PATIENCE).getItem()).isNull();
        assertThat(coordinator.join(KEY, start).leads()).as("the abandoned flight is gone").isTrue();
    }

    @Test
    void aLeaderAnsweredWithAnotherEntryHandsItOn() {
        MissCoordinator coordinator = coordinator();
        long start = coordinator.lookupStarts();
        Computation leader = coordinator.join(KEY, start);
        Computation follower = coordinator.join(KEY, start);
        CachedResponse stale = response("stale", -1_000);
        coordinator.answered(leader, stale);
        assertThat(now(coordinator.awaitLeader(follower))).isSameAs(stale);
        assertThat(coordinator.join(KEY, start).leads()).as("nothing was written: the next miss computes").isTrue();
    }

    @Test
    void aComputationEndsOnlyOnce() {
        MissCoordinator coordinator = coordinator();
        long start = coordinator.lookupStarts();
        Computation leader = coordinator.join(KEY, start);
        Computation follower = coordinator.join(KEY, start);
        CachedResponse response = response("first", 60_000);
        coordinator.completed(leader, response, WRITTEN);
        AtomicInteger secondWrite = new AtomicInteger();
        coordinator.completed(leader, response("second", 60_000),
                Uni.createFrom().item(true).invoke(secondWrite::incrementAndGet));
        coordinator.abandoned(leader);
        coordinator.answered(leader, response("third", 60_000));
        assertThat(now(coordinator.awaitLeader(follower))).isSameAs(response);
        assertThat(secondWrite).as("a second completion writes nothing").hasValue(0);
    }

    @Test
    void aFollowerStopsWaitingAfterTheCoalescingTimeout() {
        MissCoordinator coordinator = coordinator("quarkus.response-cache.coalescing.timeout", "50ms");
        long start = coordinator.lookupStarts();
        coordinator.join(KEY, start);
        long began = System.nanoTime();
        assertThat(now(coordinator.awaitLeader(coordinator.join(KEY, start)))).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void withoutCoalescingEveryMissLeads() {
        MissCoordinator coordinator = coordinator("quarkus.response-cache.coalescing.enabled", "false");
        long start = coordinator.lookupStarts();
        Computation first = coordinator.join(KEY, start);
        assertThat(first.leads()).isTrue();
        assertThat(coordinator.join(KEY, start).leads()).isTrue();
        coordinator.completed(first, response("fresh", 60_000), WRITTEN);
        coordinator.abandoned(coordinator.join(KEY, start));
        assertThat(coordinator.join(KEY, start).leads()).isTrue();
    }

    @Test
    void theDistributedLockIsOffByDefault() {
        assertThat(coordinator().distributedLockEnabled()).isFalse();
        assertThat(instance().distributedLockEnabled()).isTrue();
    }

    @Test
    void oneInstanceTakesTheLockAndReleasesItOnceItsEntryIsWritten() {
        MissCoordinator first = instance();
        MissCoordinator second = instance();
        Computation leader = first.join(KEY, first.lookupStarts());
        assertThat(now(first.tryLock(leader))).isTrue();
        Computation other = second.join(KEY, second.lookupStarts());
        assertThat(other.leads()).as("instances do not share flights").isTrue();
        assertThat(now(second.tryLock(other))).isFalse();

        CompletableFuture<Boolean> write = new CompletableFuture<>();
        first.completed(leader, response("fresh", 60_000), Uni.createFrom().completionStage(write));
        assertThat(lockIsHeld()).as("held until the entry is written").isTrue();
        write.complete(true);
        assertThat(lockIsHeld()).isFalse();
    }

    @Test
    void theLockIsReleasedWhenTheWriteFails() {
        MissCoordinator coordinator = instance();
        Computation leader = coordinator.join(KEY, coordinator.lookupStarts());
        assertThat(now(coordinator.tryLock(leader))).isTrue();
        coordinator.completed(leader, response("fresh", 60_000),
                Uni.createFrom().failure(new IllegalStateException("write failed")));
        assertThat(lockIsHeld()).isFalse();
    }

    @Test
    void theLockIsReleasedWhenTheComputationIsAbandonedOrAnswered() {
        MissCoordinator coordinator = instance();
        Computation abandoned = coordinator.join(KEY, coordinator.lookupStarts());
        assertThat(now(coordinator.tryLock(abandoned))).isTrue();
        coordinator.abandoned(abandoned);
        assertThat(lockIsHeld()).isFalse();

        Computation answered = coordinator.join(KEY, coordinator.lookupStarts());
        assertThat(now(coordinator.tryLock(answered))).isTrue();
        coordinator.answered(answered, response("stale", -1));
        assertThat(lockIsHeld()).isFalse();
        assertThat(store.unlockCalls).hasValue(2);
    }

    @Test
    void aLockTheLeaderDidNotTakeIsNotReleased() {
        MissCoordinator first = instance();
        MissCoordinator second = instance();
        Computation holder = first.join(KEY, first.lookupStarts());
        assertThat(now(first.tryLock(holder))).isTrue();
        Computation other = second.join(KEY, second.lookupStarts());
        assertThat(now(second.tryLock(other))).isFalse();
        second.abandoned(other);
        assertThat(store.unlockCalls).hasValue(0);
        assertThat(lockIsHeld()).isTrue();
    }

    @Test
    void aStoreThatCannotLockLetsTheLeaderComputeAndNothingIsReleased() {
        MissCoordinator coordinator = instance();
        store.locks = Behaviour.FAIL;
        Computation failed = coordinator.join(KEY, coordinator.lookupStarts());
        assertThat(now(coordinator.tryLock(failed))).as("fail open").isTrue();
        coordinator.completed(failed, response("fresh", 60_000), WRITTEN);

        store.locks = Behaviour.HANG;
        Computation hung = coordinator.join("another key", coordinator.lookupStarts());
        assertThat(now(coordinator.tryLock(hung))).as("fail open after the lookup timeout").isTrue();
        coordinator.abandoned(hung);
        assertThat(store.unlockCalls).hasValue(0);
    }

    @Test
    void anInstanceWaitsForTheLockHoldersEntry() {
        MissCoordinator first = instance();
        MissCoordinator second = instance();
        Computation holder = first.join(KEY, first.lookupStarts());
        assertThat(now(first.tryLock(holder))).isTrue();
        Computation waiter = second.join(KEY, second.lookupStarts());
        assertThat(now(second.tryLock(waiter))).isFalse();

        UniAssertSubscriber<CachedResponse> waiting = subscribe(second.awaitOtherInstance(waiter));
        await().atMost(PATIENCE).untilAtomic(store.getCalls, org.hamcrest.Matchers.greaterThanOrEqualTo(2));
        waiting.assertNotTerminated();
        CachedResponse written = response("from the first instance", 60_000);
        now(store.memory.put(KEY, CachedResponseCodec.encode(written), Duration.ofSeconds(60), Map.of())
                .replaceWith(true));

        CachedResponse found = waiting.awaitItem(PATIENCE).getItem();
        assertThat(found.body()).isEqualTo(written.body());
        assertThat(lockIsHeld()).as("still the first instance's").isTrue();
    }

    @Test
    void aStaleEntryIsNotTheHoldersAndTheWaitEndsAtTheDeadline() {
        MissCoordinator first = instance();
        MissCoordinator second = instance();
        Computation holder = first.join(KEY, first.lookupStarts());
        now(first.tryLock(holder));
        Computation waiter = second.join(KEY, second.lookupStarts());
        now(second.tryLock(waiter));
        now(store.memory.put(KEY, CachedResponseCodec.encode(response("stale", 0)), Duration.ofSeconds(60),
                Map.of()));

        UniAssertSubscriber<CachedResponse> waiting = subscribe(second.awaitOtherInstance(waiter));
        await().atMost(PATIENCE).untilAtomic(store.getCalls, org.hamcrest.Matchers.greaterThanOrEqualTo(2));
        waiting.assertNotTerminated();
        clock.advance(Duration.ofSeconds(3));
        assertThat(waiting.awaitItem(PATIENCE).getItem()).as("compute it after all").isNull();
        assertThat(lockIsHeld()).isTrue();
    }

    @Test
    void aLookupFailureWhileWaitingIsNotTheEnd() {
        MissCoordinator first = instance();
        MissCoordinator second = instance();
        now(first.tryLock(first.join(KEY, first.lookupStarts())));
        Computation waiter = second.join(KEY, second.lookupStarts());
        now(second.tryLock(waiter));
        store.gets = Behaviour.FAIL;

        UniAssertSubscriber<CachedResponse> waiting = subscribe(second.awaitOtherInstance(waiter));
        await().atMost(PATIENCE).untilAtomic(store.getCalls, org.hamcrest.Matchers.greaterThanOrEqualTo(2));
        store.gets = Behaviour.ANSWER;
        CachedResponse written = response("from the first instance", 60_000);
        now(store.memory.put(KEY, CachedResponseCodec.encode(written), Duration.ofSeconds(60), Map.of())
                .replaceWith(true));
        assertThat(waiting.awaitItem(PATIENCE).getItem().body()).isEqualTo(written.body());
    }

    @Test
    void whenTheHoldersLeaseRunsOutTheWaiterTakesTheLockAndComputes() {
        MissCoordinator first = coordinator("quarkus.response-cache.distributed-lock.enabled", "true",
                "quarkus.response-cache.distributed-lock.lease", "1s");
        MissCoordinator second = coordinator("quarkus.response-cache.distributed-lock.enabled", "true",
                "quarkus.response-cache.distributed-lock.lease", "1s",
                "quarkus.response-cache.distributed-lock.max-wait", "10s");
        now(first.tryLock(first.join(KEY, first.lookupStarts())));
        Computation waiter = second.join(KEY, second.lookupStarts());
        assertThat(now(second.tryLock(waiter))).isFalse();

        UniAssertSubscriber<CachedResponse> waiting = subscribe(second.awaitOtherInstance(waiter));
        await().atMost(PATIENCE).untilAtomic(store.lockCalls, org.hamcrest.Matchers.greaterThanOrEqualTo(3));
        waiting.assertNotTerminated();
        clock.advance(Duration.ofSeconds(1));
        assertThat(waiting.awaitItem(PATIENCE).getItem()).as("the holder died: compute").isNull();
        assertThat(lockIsHeld()).as("now the waiter's").isTrue();
        second.abandoned(waiter);
        assertThat(lockIsHeld()).isFalse();
    }

    @Test
    void aHolderThatWroteAndLetGoBetweenTwoLooksIsSeenByOneMoreLook() {
        MissCoordinator first = instance();
        MissCoordinator second = instance();
        Computation holder = first.join(KEY, first.lookupStarts());
        now(first.tryLock(holder));
        Computation waiter = second.join(KEY, second.lookupStarts());
        now(second.tryLock(waiter));
        CachedResponse written = response("from the first instance", 60_000);
        store.beforeLock = () -> {
            store.beforeLock = () -> {
            };
            first.completed(holder, written,
                    store.memory.put(KEY, CachedResponseCodec.encode(written), Duration.ofSeconds(60), Map.of())
                            .replaceWith(true));
        };

        CachedResponse found = now(second.awaitOtherInstance(waiter));
        assertThat(found.body()).isEqualTo(written.body());
        assertThat(lockIsHeld()).as("the waiter took the free lock").isTrue();
        second.answered(waiter, found);
        assertThat(lockIsHeld()).isFalse();
    }
}
