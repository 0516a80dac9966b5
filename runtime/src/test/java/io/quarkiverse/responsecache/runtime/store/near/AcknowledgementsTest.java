package io.quarkiverse.responsecache.runtime.store.near;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What one eviction waits for, and how signal keys are named and read back. */
class AcknowledgementsTest {

    final AckKeys keys = new AckKeys("app", "me");

    @Test
    void completesOnceEveryOtherRegisteredInstanceAcknowledgedEveryBarrier() {
        Acknowledgements acks = new Acknowledgements(2);
        String one = keys.barrier(7, ":{0}");
        String other = keys.barrier(7, ":{1}");
        acks.expect(one, List.of("me", "a", "b"), "me");
        acks.acknowledged(one, "a");
        // an acknowledgement may overtake the answer of its barrier's script
        acks.acknowledged(other, "b");
        acks.acknowledged(one, "b");
        assertThat(acks.done()).isNotDone();
        assertThat(acks.missing()).isNotNull();
        acks.expect(other, List.of("b"), "me");
        assertThat(acks.done()).isDone();
        assertThat(acks.missing()).isNull();
    }

    @Test
    void namesTheInstancesNotHeardFrom() {
        Acknowledgements acks = new Acknowledgements(1);
        acks.expect(keys.barrier(1, ""), List.of("a", "b"), "me");
        acks.acknowledged(keys.barrier(1, ""), "a");
        assertThat(acks.missing()).contains("[b]");
    }

    @Test
    void signalKeysAreReadBack() {
        assertThat(keys.writerOf(keys.barrier(3, ":{2}"))).isEqualTo("me");
        assertThat(keys.writerOf("app:products:abc")).isNull();
        assertThat(keys.probeSequence(keys.probe(42, ":{5}"))).isEqualTo(42);
        assertThat(keys.probeSequence(keys.probe(42, ""))).isEqualTo(42);
        assertThat(keys.probeSequence(new AckKeys("app", "other").probe(42, ""))).isEqualTo(-1);
        assertThat(keys.isSignal(keys.probe(1, ""))).isTrue();
        assertThat(keys.isSignal("app:products:abc")).isFalse();
        // the registry and the channels are outside the tracked prefix
        assertThat(keys.registry(":{0}")).startsWith("app#");
        assertThat(keys.channel("me")).startsWith("app#");
    }
}
