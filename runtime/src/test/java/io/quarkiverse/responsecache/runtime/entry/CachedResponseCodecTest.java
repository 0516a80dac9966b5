package io.quarkiverse.responsecache.runtime.entry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    static CachedResponse decode(String entry) {
        return CachedResponseCodec.decode(entry.getBytes(StandardCharsets.UTF_8));
    }

    static String encode(CachedResponse response) {
        return new String(CachedResponseCodec.encode(response), StandardCharsets.UTF_8);
    }

    @Test
    void aStrongTagIsStoredWithoutQuotesAndAWeakOneAsItIs() {
        assertThat(encode(new CachedResponse(200, 36, "\"abc\"", List.of(), new byte[0])))
                .isEqualTo("RC2 200 10 abc 0\n\n\n");
        assertThat(encode(new CachedResponse(200, 36, "W/\"abc\"", List.of(), new byte[0])))
                .isEqualTo("RC2 200 10 W/\"abc\" 0\n\n\n");
        assertThat(decode("RC2 200 10 abc 0\n\n\n").etag()).isEqualTo("\"abc\"");
        assertThat(decode("RC2 200 10 W/\"abc\" 0\n\n\n").etag()).isEqualTo("W/\"abc\"");
        assertThat(decode("RC2 200 10 \"abc\" 0\n\n\n").etag()).as("a quoted tag stays quoted").isEqualTo("\"abc\"");
    }

    @Test
    void theHeadersAfterContentTypeKeepTheirOrderAndTheirValuesAreTrimmed() {
        assertThat(decode("RC2 200 10 abc 0\ntext/plain\nVary: Accept\nX-Custom:  padded  \nLink:</a>; rel=x\n\n")
                .headers()).containsExactly(Map.entry("Content-Type", "text/plain"), Map.entry("Vary", "Accept"),
                        Map.entry("X-Custom", "padded"), Map.entry("Link", "</a>; rel=x"));
    }

    @Test
    void contentTypeIsFoundWhateverItsCaseAndOnlyTheFirstTakesItsLine() {
        CachedResponse response = new CachedResponse(200, 1001, "\"e\"",
                List.of(Map.entry("X-First", "1"), Map.entry("content-type", "text/plain"),
                        Map.entry("Content-Type", "text/html")),
                new byte[0]);
        assertThat(encode(response)).isEqualTo("RC2 200 rt e 0\ntext/plain\nX-First: 1\nContent-Type: text/html\n\n");
        assertThat(CachedResponseCodec.decode(CachedResponseCodec.encode(response)).headers()).containsExactly(
                Map.entry("Content-Type", "text/plain"), Map.entry("X-First", "1"),
                Map.entry("Content-Type", "text/html"));
    }

    @Test
    void textOutsideAsciiSurvives() {
        byte[] body = "größe: 日本語".getBytes(StandardCharsets.UTF_8);
        CachedResponse response = new CachedResponse(200, 1001, "\"é\"",
                List.of(Map.entry("Content-Type", "text/plain;charset=UTF-8"), Map.entry("Content-Disposition",
                        "attachment; filename*=UTF-8''größe.txt; x=ü")),
                body);
        CachedResponse decoded = CachedResponseCodec.decode(CachedResponseCodec.encode(response));
        assertThat(decoded.headers()).containsExactlyElementsOf(response.headers());
        assertThat(decoded.body()).isEqualTo(body);
        assertThat(decoded.etag()).isEqualTo("\"é\"");
    }

    @Test
    void theExtremeTimesSurvive() {
        for (long expiresAt : new long[] { 0, 1, 35, 36, Long.MAX_VALUE }) {
            CachedResponse response = new CachedResponse(200, expiresAt, "\"e\"", List.of(), new byte[0]);
            assertThat(CachedResponseCodec.decode(CachedResponseCodec.encode(response)).expiresAtMillis())
                    .isEqualTo(expiresAt);
        }
    }

    @Test
    void theStatusBoundsAreThoseOfHttp() {
        assertThat(decode("RC2 100 10 abc 0\n\n\n").status()).isEqualTo(100);
        assertThat(decode("RC2 599 10 abc 0\n\n\n").status()).isEqualTo(599);
        assertThat(decode("RC2 99 10 abc 0\n\n\n")).isNull();
        assertThat(decode("RC2 600 10 abc 0\n\n\n")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "RC2", "RC2 ", "RC1 200 10 abc 0\n\n\n", "rc2 200 10 abc 0\n\n\n", "RC2200 10 abc 0\n\n\n",
            "RC2  200 10 abc 0\n\n\n", "RC2 2x0 10 abc 0\n\n\n", "RC2 200 1_ abc 0\n\n\n",
            "RC2 200 10 abc -1\n\n\n", "RC2 200 10 abc 1\n\n\n", "RC2 200 10 abc 0\n\n\nextra",
            "RC2 200 10 abc 2\n\n\nabc", "RC2 200 10 abc 2\n\n\na",
            "RC2 200 10  0\n\n\n", "RC2 200 10 W/ 0\n\n\n", "RC2 200 10 abc 0\ntext/plain\nNoColon\n\n",
            "RC2 200 10 abc 0\ntext/plain\n: no name\n\n", "RC2 200 10 abc 0\ntext/plain\n",
            "RC2 200 1y2p0ij32e8e8 abc 0\n\n\n", "RC2 200 zzzzzzzzzzzzzzzz abc 0\n\n\n",
            "RC2 99999999999999999999 10 abc 0\n\n\n", "RC2 200 10 abc 99999999999\n\n\n" })
    void whatIsNotAnEntryIsAMiss(String entry) {
        assertThat(decode(entry)).isNull();
    }

    @Test
    void nullIsNotAnEntry() {
        assertThat(CachedResponseCodec.decode(null)).isNull();
    }

    @Test
    void aTwoCharacterStrongTagIsTheShortestThatIsKept() {
        assertThat(decode("RC2 200 10 a 0\n\n\n").etag()).isEqualTo("\"a\"");
        CachedResponse response = new CachedResponse(200, 1001, "\"a\"", List.of(), new byte[0]);
        assertThat(CachedResponseCodec.decode(CachedResponseCodec.encode(response)).etag()).isEqualTo("\"a\"");
    }

    @Test
    void anEmptyStrongTagSurvives() {
        CachedResponse response = new CachedResponse(200, 1001, "\"\"", List.of(), BODY);
        CachedResponse decoded = CachedResponseCodec.decode(CachedResponseCodec.encode(response));
        assertThat(decoded).isNotNull();
        assertThat(decoded.etag()).isEqualTo("\"\"");
    }

    @Test
    void anEntryKeepsItsLifetimeSoItsStoreTimeSurvives() {
        long storedAt = 1_795_853_787_121L;
        CachedResponse response = new CachedResponse(404, storedAt + 30_000, storedAt, "\"x\"", List.of(), BODY);
        byte[] entry = CachedResponseCodec.encode(response);
        assertThat(new String(entry, StandardCharsets.UTF_8)).startsWith("RC2 404 mx04ztpd x " + BODY.length + " n5c\n");

        CachedResponse decoded = CachedResponseCodec.decode(entry);
        assertThat(decoded.storedAtMillis()).isEqualTo(storedAt);
        assertThat(decoded.lifetimeMillis()).isEqualTo(30_000);
        assertThat(decoded.body()).isEqualTo(BODY);
    }

    @Test
    void anEntryWrittenBeforeEntriesHadALifetimeDecodesWithItsStoreTimeUnknown() {
        CachedResponse decoded = CachedResponseCodec.decode(("RC2 200 mx04z6k1 F-r0uBzqZn-JyDo 19\n"
                + "text/plain;charset=UTF-8\n\n0.05340959884530738").getBytes(StandardCharsets.UTF_8));
        assertThat(decoded.storedAtMillis()).isEqualTo(CachedResponse.STORED_AT_UNKNOWN);
        assertThat(decoded.expiresAtMillis()).isEqualTo(1_795_853_787_121L);
        assertThat(new String(decoded.body(), StandardCharsets.UTF_8)).isEqualTo("0.05340959884530738");
    }

    @ParameterizedTest
    @ValueSource(strings = { "RC2 200 mx04z6k1 x 1 \n\n\na", "RC2 200 mx04z6k1 x 1 -5\n\n\na",
            "RC2 200 mx04z6k1 x 1 n5s n5s\n\n\na", "RC2 200 mx04z6k1 x 1 n5s" })
    void aLifetimeThatDoesNotParseIsAMiss(String entry) {
        assertThat(CachedResponseCodec.decode(entry.getBytes(StandardCharsets.UTF_8))).isNull();
    }

    static final EncodedBody GZIP = new StoredCompression(true, java.util.Set.of(), 6).gzip(null, null, BODY);

    @Test
    void theGzipFormIsASectionAfterTheBodyAndDecodesWhereItLies() {
        CachedResponse response = new CachedResponse(200, 1001, "\"e\"", List.of(Map.entry("Content-Type", "text/plain")),
                BODY).withEncoded(GZIP);
        byte[] entry = CachedResponseCodec.encode(response);
        String head = "RC2 200 rt e " + BODY.length + "\ntext/plain\n\n";
        String section = "+gzip " + GZIP.length() + "\n";
        assertThat(new String(entry, 0, head.length() + BODY.length + section.length(), StandardCharsets.ISO_8859_1))
                .isEqualTo(head + new String(BODY, StandardCharsets.ISO_8859_1) + section);
        assertThat(entry).hasSize(head.length() + BODY.length + section.length() + GZIP.length());

        CachedResponse decoded = CachedResponseCodec.decode(entry);
        assertThat(decoded.body()).isEqualTo(BODY);
        assertThat(decoded.encoded().coding()).isEqualTo("gzip");
        assertThat(decoded.encoded().bytes()).isEqualTo(GZIP.bytes());
        assertThat(decoded.encoded().source()).as("a range of the bytes read, not a copy").isSameAs(entry);
        assertThat(decoded.expiringAt(5).encoded()).isSameAs(decoded.encoded());
    }

    @Test
    void anEntryWithoutSectionsIsTheFormatOfBeforeAndHasNoEncodedForm() {
        CachedResponse response = new CachedResponse(200, 1001, "\"e\"", List.of(), BODY);
        assertThat(CachedResponseCodec.encode(response)).isEqualTo(CachedResponseCodec.encode(response.withEncoded(null)));
        assertThat(decode("RC2 200 10 abc 2\n\n\nab").encoded()).isNull();
    }

    @Test
    void aSectionOfAnUnknownNameIsSkipped() {
        CachedResponse decoded = decode("RC2 200 10 abc 2\n\n\nab+later 3\nxyz");
        assertThat(decoded).isNotNull();
        assertThat(decoded.body()).isEqualTo("ab".getBytes(StandardCharsets.UTF_8));
        assertThat(decoded.encoded()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "RC2 200 10 abc 2\n\n\nab+gzip 3\nxyz", "RC2 200 10 abc 2\n\n\nab+gzip 30\nxyz",
            "RC2 200 10 abc 2\n\n\nab+gzip", "RC2 200 10 abc 2\n\n\nab+gzip -1\n", "RC2 200 10 abc 2\n\n\nab+",
            "RC2 200 10 abc 2\n\n\nab+later 9\nxyz" })
    void aBrokenSectionIsAMiss(String entry) {
        assertThat(decode(entry)).isNull();
    }

    @Test
    void aTruncatedEntryWithAGzipFormIsNotAnEntry() {
        byte[] entry = CachedResponseCodec.encode(new CachedResponse(200, 1001, "\"etag\"", List.of(), BODY)
                .withEncoded(GZIP));
        for (int length = 0; length < entry.length; length++) {
            CachedResponse decoded = CachedResponseCodec.decode(java.util.Arrays.copyOf(entry, length));
            // cut right after the body, it is an entry without the section: the identity body, whole
            if (decoded != null) {
                assertThat(decoded.encoded()).as("first %d bytes", length).isNull();
                assertThat(decoded.body()).isEqualTo(BODY);
            }
        }
    }
}
