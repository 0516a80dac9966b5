package io.quarkiverse.responsecache.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** A lazy value is built once, by its first use; asking whether it was built never builds it. */
class LazyTest {

    final AtomicInteger builds = new AtomicInteger();
    final Lazy<String> lazy = new Lazy<>(() -> "value-" + builds.incrementAndGet());

    @Test
    void askingWhetherItWasBuiltDoesNotBuildIt() {
        assertThat(lazy.ifBuilt()).isEmpty();
        assertThat(lazy.ifBuilt()).isEmpty();
        assertThat(builds).hasValue(0);
    }

    @Test
    void onceUsedItIsBuiltOnceAndSeenBuilt() {
        assertThat(lazy.get()).isEqualTo("value-1");
        assertThat(lazy.get()).isEqualTo("value-1");
        assertThat(lazy.ifBuilt()).contains("value-1");
        assertThat(builds).hasValue(1);
    }
}
