package io.quarkiverse.responsecache.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecimalTextTest {

    @Test
    void givesEachNumberItsOwnText() {
        // twice, with numbers that share a remembered slot (0, 256, 512...) one after the other
        for (int round = 0; round < 2; round++) {
            for (long value = 0; value < 2000; value += 128) {
                assertThat(DecimalText.of(value)).isEqualTo(Long.toString(value));
            }
            for (long value : new long[] { -1, 255, Long.MAX_VALUE, Long.MIN_VALUE, 3600, 86_400 }) {
                assertThat(DecimalText.of(value)).isEqualTo(Long.toString(value));
            }
        }
    }

    @Test
    void theHitsOfASecondShareOneText() {
        String first = DecimalText.of(1234);
        assertThat(DecimalText.of(1234)).isEqualTo("1234").isSameAs(first);
    }
}
