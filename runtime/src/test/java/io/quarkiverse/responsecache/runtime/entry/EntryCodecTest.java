package io.quarkiverse.responsecache.runtime.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EntryCodecTest {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    static final CachedResponse RESPONSE = new CachedResponse(200, 1_900_000_000_000L, "\"e\"",
            List.of(Map.entry("Content-Type", "text/plain")), "body".getBytes(StandardCharsets.UTF_8));

    @Test
    void withoutAKeyEntriesAreTheCodecsFormAsBefore() {
        EntryCodec codec = EntryCodec.unsigned();
        assertThat(codec.encode("k", RESPONSE)).isEqualTo(CachedResponseCodec.encode(RESPONSE));
        assertThat(codec.decode("k", CachedResponseCodec.encode(RESPONSE))).isNotNull();
    }

    @Test
    void aSignedEntryVerifiesUnderItsKeyOnly() {
        EntryCodec codec = new EntryCodec(List.of(KEY));
        byte[] signed = codec.encode("k", RESPONSE);
        assertThat(new String(signed, StandardCharsets.US_ASCII)).startsWith("RS1 ").contains("\nRC2 200 ");
        assertThat(codec.decode("k", signed).body()).isEqualTo("body".getBytes(StandardCharsets.UTF_8));
        assertThat(codec.decode("other", signed)).isNull();
        signed[signed.length - 1] ^= 1;
        assertThat(codec.decode("k", signed)).isNull();
        assertThat(codec.decode("k", CachedResponseCodec.encode(RESPONSE))).isNull();
        assertThat(codec.rejected()).isEqualTo(3);
        // marks and nothing are no entries: not counted
        assertThat(codec.decode("k", "RC-TOMBSTONE x".getBytes(StandardCharsets.US_ASCII))).isNull();
        assertThat(codec.decode("k", null)).isNull();
        assertThat(codec.rejected()).isEqualTo(3);
    }

    @Test
    void badKeysFailWithoutShowingThem() {
        assertThatThrownBy(() -> new EntryCodec(List.of("not base64!"))).hasMessageContaining("key number 1")
                .hasMessageNotContaining("not base64!");
        String shortKey = Base64.getEncoder().encodeToString(new byte[8]);
        assertThatThrownBy(() -> new EntryCodec(List.of(KEY, shortKey))).hasMessageContaining("key number 2")
                .hasMessageContaining("at least 32").hasMessageNotContaining(shortKey);
    }
}
