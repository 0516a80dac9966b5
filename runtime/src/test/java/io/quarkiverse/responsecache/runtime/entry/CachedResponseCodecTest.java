package io.quarkiverse.responsecache.runtime.entry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;


class CachedResponseCodecTest {

    static final byte[] BODY = "{\"detail\":\"0.58\"}\n\u0000binary\n\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void anEntryDecodesToWhatWasEncoded() {
        CachedResponse response = new CachedResponse(500, 1_795_854_387_121L, "\"abc\"",
                List.of(Map.entry("Content-Type", "application/json"), Map.entry("Vary", "Accept, Accept-Language")),
                BODY);
        CachedResponse decoded = CachedResponseCodec.decode(CachedResponseCodec.encode(response));

        assertThat(decoded.status()).isEqualTo(500);
        assertThat(decoded.expiresAtMillis()).isEqualTo(response.expiresAtMillis());
        assertThat(decoded.etag()).isEqualTo("\"abc\"");
        assertThat(decoded.headers()).containsExactlyElementsOf(response.headers());
        assertThat(decoded.body()).isEqualTo(BODY);
    }

    @Test
    void theHeadIsShortAndReadable() {
        CachedResponse response = new CachedResponse(200, 1_795_853_787_121L, "\"F-r0uBzqZn-JyDo\"",
                List.of(Map.entry("Content-Type", "text/plain;charset=UTF-8")),
                "0.05340959884530738".getBytes(StandardCharsets.UTF_8));
        String entry = new String(CachedResponseCodec.encode(response), StandardCharsets.UTF_8);
        assertThat(entry).isEqualTo("RC2 200 mx04z6k1 F-r0uBzqZn-JyDo 19\n"
                + "text/plain;charset=UTF-8\n\n0.05340959884530738");
    }

    @Test
    void aResponseWithoutContentTypeHasAnEmptyLineForIt() {
        CachedResponse response = new CachedResponse(204, 1001, "W/\"e\"", List.of(), new byte[0]);
        CachedResponse decoded = CachedResponseCodec.decode(CachedResponseCodec.encode(response));
        assertThat(decoded.headers()).isEmpty();
        assertThat(decoded.body()).isEmpty();
        assertThat(decoded.status()).isEqualTo(204);
        assertThat(decoded.etag()).as("a weak tag is kept as it is").isEqualTo("W/\"e\"");
    }

    @Test
    void aTruncatedEntryIsNotAnEntry() {
        byte[] entry = CachedResponseCodec.encode(new CachedResponse(200, 1001, "\"etag\"",
                List.of(Map.entry("Content-Type", "text/plain")), BODY));
        for (int length = 0; length < entry.length; length++) {
            assertThat(CachedResponseCodec.decode(java.util.Arrays.copyOf(entry, length))).as("first %d bytes", length)
                    .isNull();
        }
    }
}
