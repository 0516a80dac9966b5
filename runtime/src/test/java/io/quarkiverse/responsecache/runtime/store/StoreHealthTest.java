package io.quarkiverse.responsecache.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.runtime.LogCapture;
import io.quarkiverse.responsecache.runtime.time.FakeClock;

/** The breaker: closed, open after a run of failures, one probe per open period. */
class StoreHealthTest {

    static final Duration OPEN = Duration.ofSeconds(2);
    static final RuntimeException FAILURE = new IllegalStateException("connection refused");

    final FakeClock clock = new FakeClock();
    final StoreHealth health = new StoreHealth(3, OPEN, clock);

    @Test
    void aHealthyStoreIsAlwaysCalled() {
        for (int i = 0; i < 10; i++) {
            assertThat(health.allowsCall()).isTrue();
            health.succeeded();
        }
        assertThat(health.isOpen()).isFalse();
    }

    @Test
    void itOpensAfterExactlyTheThresholdOfFailuresInARow() {
        health.failed(FAILURE);
        health.failed(FAILURE);
        assertThat(health.isOpen()).isFalse();
        assertThat(health.allowsCall()).isTrue();
        health.failed(FAILURE);
        assertThat(health.isOpen()).isTrue();
        assertThat(health.allowsCall()).isFalse();
    }

    @Test
    void aSuccessStartsTheCountAgain() {
        health.failed(FAILURE);
        health.failed(FAILURE);
        health.succeeded();
        health.failed(FAILURE);
        health.failed(FAILURE);
        assertThat(health.isOpen()).isFalse();
        health.failed(FAILURE);
        assertThat(health.isOpen()).isTrue();
    }

    @Test
    void aThresholdBelowOneMeansOne() {
        StoreHealth zero = new StoreHealth(0, OPEN, clock);
        zero.failed(FAILURE);
        assertThat(zero.isOpen()).isTrue();
        StoreHealth negative = new StoreHealth(-4, OPEN, clock);
        negative.failed(FAILURE);
        assertThat(negative.isOpen()).isTrue();
    }

    @Test
    void whileOpenNoCallIsAllowedUntilTheOpenPeriodEnds() {
        open();
        for (int i = 0; i < 5; i++) {
            assertThat(health.allowsCall()).isFalse();
        }
        clock.advance(OPEN.minusNanos(1));
        assertThat(health.allowsCall()).isFalse();
        clock.advance(Duration.ofNanos(1));
        assertThat(health.allowsCall()).as("the probe").isTrue();
    }

    @Test
    void exactlyOneProbeIsLetThroughPerPeriod() {
        open();
        clock.advance(OPEN.plusSeconds(10));
        assertThat(health.allowsCall()).isTrue();
        assertThat(health.allowsCall()).isFalse();
        assertThat(health.allowsCall()).isFalse();
        assertThat(health.isOpen()).as("the probe has not answered yet").isTrue();
    }

    @Test
    void aSuccessfulProbeClosesTheBreaker() {
        open();
        clock.advance(OPEN);
        assertThat(health.allowsCall()).isTrue();
        health.succeeded();
        assertThat(health.isOpen()).isFalse();
        for (int i = 0; i < 5; i++) {
            assertThat(health.allowsCall()).isTrue();
        }
        // and the count starts from zero again
        health.failed(FAILURE);
        health.failed(FAILURE);
        assertThat(health.isOpen()).isFalse();
    }

    @Test
    void aFailedProbeKeepsItOpenForAnotherPeriodFromTheProbe() {
        open();
        clock.advance(OPEN);
        assertThat(health.allowsCall()).isTrue();
        clock.advance(Duration.ofMillis(300));
        health.failed(FAILURE);
        assertThat(health.isOpen()).isTrue();
        assertThat(health.allowsCall()).isFalse();
        clock.advance(OPEN.minusMillis(300).minusNanos(1));
        assertThat(health.allowsCall()).isFalse();
        clock.advance(Duration.ofNanos(1));
        assertThat(health.allowsCall()).as("the next probe").isTrue();
        assertThat(health.allowsCall()).isFalse();
    }

    @Test
    void aProbeThatNeverAnswersIsFollowedByAnotherOneAPeriodLater() {
        open();
        clock.advance(OPEN);
        assertThat(health.allowsCall()).isTrue();
        clock.advance(OPEN.minusNanos(1));
        assertThat(health.allowsCall()).isFalse();
        clock.advance(Duration.ofNanos(1));
        assertThat(health.allowsCall()).isTrue();
    }

    @Test
    void lateFailuresDoNotProlongTheOpenPeriod() {
        open();
        // calls that were under way when it opened fail afterwards
        clock.advance(Duration.ofSeconds(1));
        health.failed(FAILURE);
        health.failed(FAILURE);
        clock.advance(OPEN.minusSeconds(1));
        assertThat(health.allowsCall()).isTrue();
    }

    @Test
    void aSuccessWhileOpenClosesIt() {
        // a call that was under way when it opened, and answered after all
        open();
        health.succeeded();
        assertThat(health.isOpen()).isFalse();
        assertThat(health.allowsCall()).isTrue();
    }

    @Test
    void manyCallersAtTheEndOfThePeriodGetOneProbe() throws Exception {
        open();
        clock.advance(OPEN);
        int callers = 16;
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                calls.add(() -> {
                    start.await();
                    return health.allowsCall();
                });
            }
            List<Future<Boolean>> results = new ArrayList<>();
            for (Callable<Boolean> call : calls) {
                results.add(threads.submit(call));
            }
            start.countDown();
            int probes = 0;
            for (Future<Boolean> result : results) {
                probes += result.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(probes).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theLogSpeaksOncePerChangeOfState() {
        try (LogCapture log = LogCapture.of(StoreHealth.class)) {
            health.failed(FAILURE);
            health.failed(new IllegalStateException());
            assertThat(log.warnings()).containsExactly("The response cache store failed (IllegalStateException:"
                    + " connection refused); requests it cannot answer are served uncached");
            health.failed(FAILURE);
            health.failed(FAILURE);
            assertThat(log.warnings()).hasSize(2).last().isEqualTo("The response cache store failed 3 times in a row:"
                    + " it is skipped for 2000 ms, then probed again");
            clock.advance(OPEN);
            health.allowsCall();
            health.succeeded();
            health.succeeded();
            assertThat(log.infos()).containsExactly(
                    "The response cache store answers again: cached responses are served again");
            assertThat(log.warnings()).hasSize(2);
        }
    }

    @Test
    void aStoreThatFailsNowAndThenIsNotLoggedAtEveryFailure() {
        try (LogCapture log = LogCapture.of(StoreHealth.class)) {
            for (int i = 0; i < 5; i++) {
                health.failed(FAILURE);
                health.succeeded();
            }
            assertThat(log.warnings()).hasSize(1);
            assertThat(log.infos()).as("it never opened, so it never came back").isEmpty();
        }
    }

    @Test
    void aFailureWithoutMessageIsNamedByItsType() {
        try (LogCapture log = LogCapture.of(StoreHealth.class)) {
            health.failed(new java.util.concurrent.TimeoutException());
            assertThat(log.warnings()).containsExactly("The response cache store failed (TimeoutException);"
                    + " requests it cannot answer are served uncached");
        }
    }

    @Test
    void aSecondIncidentIsLoggedLikeTheFirst() {
        try (LogCapture log = LogCapture.of(StoreHealth.class)) {
            open();
            clock.advance(OPEN);
            health.allowsCall();
            health.succeeded();
            open();
            clock.advance(OPEN);
            health.allowsCall();
            health.succeeded();
            assertThat(log.warnings()).hasSize(4);
            assertThat(log.warnings().get(2)).startsWith("The response cache store failed (");
            assertThat(log.infos()).hasSize(2);
        }
    }

    @Test
    void anIncidentThatNeverOpensTheBreakerEndsOnceTheStoreHasBeenQuietForAnOpenPeriod() {
        try (LogCapture log = LogCapture.of(StoreHealth.class)) {
            health.failed(FAILURE);
            for (int i = 0; i < 10; i++) {
                health.succeeded();
            }
            assertThat(log.infos()).as("successes right after a failure do not end it yet").isEmpty();
            clock.advance(OPEN);
            health.succeeded();
            assertThat(log.infos()).hasSize(1);
            // the next incident is logged again
            health.failed(FAILURE);
            assertThat(log.warnings()).hasSize(2);
        }
    }

    @Test
    void anIncidentEndsOnlyAfterTheThresholdOfSuccessesInARow() {
        try (LogCapture log = LogCapture.of(StoreHealth.class)) {
            health.failed(FAILURE);
            clock.advance(OPEN);
            health.succeeded();
            health.succeeded();
            assertThat(log.infos()).isEmpty();
            health.succeeded();
            assertThat(log.infos()).containsExactly(
                    "The response cache store answers again: cached responses are served again");
        }
    }

    @Test
    void writesFailingWhileLookupsWorkAreAnIncidentOfTheirOwn() {
        StoreHealth writes = new StoreHealth(StoreHealth.Side.WRITES, health, 3, OPEN, clock);
        try (LogCapture log = LogCapture.of(StoreHealth.class)) {
            for (int i = 0; i < 3; i++) {
                health.succeeded();
                writes.failed(new IllegalStateException("OOM command not allowed when used memory > 'maxmemory'."));
            }
            assertThat(writes.isOpen()).isTrue();
            assertThat(health.isOpen()).isFalse();
            assertThat(log.warnings()).containsExactly(
                    "The response cache store refused a write (IllegalStateException: OOM command not allowed when"
                            + " used memory > 'maxmemory'.); responses are served, but may not be stored",
                    "The response cache store refused 3 writes in a row: responses are not stored for 2000 ms,"
                            + " then one write probes it again");
            for (int i = 0; i < 10; i++) {
                health.succeeded();
                writes.failed(FAILURE);
            }
            assertThat(log.warnings()).as("once per incident, not per request").hasSize(2);
            clock.advance(OPEN);
            assertThat(writes.allowsCall()).isTrue();
            writes.succeeded();
            assertThat(log.infos()).containsExactly("The response cache store accepts writes again: responses are"
                    + " stored again");
            writes.failed(FAILURE);
            assertThat(log.warnings()).as("the next incident").hasSize(3);
        }
    }

    @Test
    void writesFailingWhileTheStoreIsDownArePartOfThatIncident() {
        StoreHealth writes = new StoreHealth(StoreHealth.Side.WRITES, health, 3, OPEN, clock);
        try (LogCapture log = LogCapture.of(StoreHealth.class)) {
            health.failed(FAILURE);
            for (int i = 0; i < 3; i++) {
                writes.failed(FAILURE);
            }
            assertThat(writes.isOpen()).as("the writes' breaker still opens").isTrue();
            assertThat(log.warnings()).hasSize(1).first().asString().startsWith("The response cache store failed (");
            clock.advance(OPEN);
            writes.allowsCall();
            writes.succeeded();
            assertThat(log.infos()).as("no end of an incident that was not logged").isEmpty();
        }
    }

    private void open() {
        for (int i = 0; i < 3; i++) {
            health.failed(FAILURE);
        }
        assertThat(health.isOpen()).isTrue();
    }
}
