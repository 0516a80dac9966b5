package io.quarkiverse.responsecache.runtime.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.ResponseCacheKeyBuilder;
import io.quarkiverse.responsecache.ResponseCacheKeyInput;
import io.quarkiverse.responsecache.runtime.TestConfig;

/**
 * Keys read {@code <prefix>:<namespace>:<hash>}; the hash is a function of every part of the input, written so that
 * two different inputs do not feed the digest the same bytes.
 */
class DefaultResponseCacheKeyBuilderTest {

    static final String ENDPOINT = "org.acme.Products#list";

    final ResponseCacheKeyBuilder keys = new DefaultResponseCacheKeyBuilder(TestConfig.config());

    static ResponseCacheKeyInput.Builder products() {
        return ResponseCacheKeyInput.forEndpoint(ENDPOINT).namespace("products").path("/products");
    }

    static String hashOf(String key) {
        return key.substring(key.lastIndexOf(':') + 1);
    }

    @Test
    void inputsOfTheSameHashCodeKeepTheirOwnKeys() {
        // "Aa" and "BB" have the same String hash code: both inputs take the same slot of the builder's memo
        ResponseCacheKeyInput aa = products().path("/Aa").build();
        ResponseCacheKeyInput bb = products().path("/BB").build();
        assertThat(aa.hashCode()).isEqualTo(bb.hashCode());
        ResponseCacheKeyBuilder unused = new DefaultResponseCacheKeyBuilder(TestConfig.config());

        String aaKey = keys.build(aa);
        String bbKey = keys.build(bb);
        assertThat(bbKey).isNotEqualTo(aaKey).isEqualTo(unused.build(products().path("/BB").build()));
        assertThat(keys.build(products().path("/Aa").build())).isEqualTo(aaKey);
    }

    @Test
    void anInputChangedThroughItsBuilderAfterItsKeyWasBuiltDoesNotLendItsOldKey() {
        ResponseCacheKeyInput.Builder builder = products().queryParameter("page", "2");
        ResponseCacheKeyInput first = builder.build();
        String firstKey = keys.build(first);
        // the input shows its builder's maps, so it changes too; this parameter adds 0 to their hash code
        // ("\u001f".hashCode() == List.of("").hashCode())
        builder.queryParameter("\u001f", "");
        ResponseCacheKeyInput second = products().queryParameter("page", "2").queryParameter("\u001f", "").build();
        assertThat(second.hashCode()).isEqualTo(products().queryParameter("page", "2").build().hashCode());

        String expected = new DefaultResponseCacheKeyBuilder(TestConfig.config()).build(second);
        assertThat(expected).isNotEqualTo(firstKey);
        assertThat(keys.build(second)).isEqualTo(expected);
    }

    @Test
    void theSameInputGivesTheSameKeyEveryTime() {
        String first = keys.build(products().queryParameter("page", "2").varyHeader("Accept-Language", "fr").build());
        String again = keys.build(products().queryParameter("page", "2").varyHeader("Accept-Language", "fr").build());
        String otherBuilder = new DefaultResponseCacheKeyBuilder(TestConfig.config())
                .build(products().queryParameter("page", "2").varyHeader("Accept-Language", "fr").build());
        assertThat(again).isEqualTo(first);
        assertThat(otherBuilder).isEqualTo(first);
    }

    @Test
    void keysReadPrefixNamespaceAndA22CharacterHash() {
        String key = keys.build(products().build());
        assertThat(key).matches("response-cache:products:[A-Za-z0-9_-]{22}");
    }

    @Test
    void theKeyOfAnInputIsStableAcrossVersions() {
        // an entry written by one instance must be found by the next release's instance: a change here re-keys every
        // entry of every application, so it has to be deliberate
        assertThat(keys.build(products().queryParameter("page", "2").varyHeader("Accept-Language", "fr")
                .mediaType("application/json").principal("principal:alice").build()))
                .isEqualTo("response-cache:products:" + reference(products().queryParameter("page", "2")
                        .varyHeader("Accept-Language", "fr").mediaType("application/json").principal("principal:alice")
                        .build()));
        assertThat(keys.build(ResponseCacheKeyInput.forEndpoint(ENDPOINT).build()))
                .isEqualTo("response-cache::" + GOLDEN_HASH_OF_ENDPOINT_ONLY);
    }

    /** The hash of {@code forEndpoint(ENDPOINT)} alone, as this version computes it (checked with Python's hashlib). */
    static final String GOLDEN_HASH_OF_ENDPOINT_ONLY = "RVdQaKz1-J62RBIVrCW3FQ";

    @Test
    void theConfiguredPrefixStartsTheKey() {
        ResponseCacheKeyBuilder shop = new DefaultResponseCacheKeyBuilder(
                TestConfig.config("quarkus.response-cache.prefix", "shop"));
        assertThat(shop.build(products().build())).startsWith("shop:products:")
                .endsWith(":" + hashOf(keys.build(products().build())));
    }

    @Test
    void theNamespaceIsInTheKeyAndAnEmptyOneLeavesTwoColons() {
        String withNamespace = keys.build(products().build());
        String without = keys.build(ResponseCacheKeyInput.forEndpoint(ENDPOINT).path("/products").build());
        String nullNamespace = keys.build(ResponseCacheKeyInput.forEndpoint(ENDPOINT).namespace(null).path("/products")
                .build());
        assertThat(without).startsWith("response-cache::").isEqualTo(nullNamespace);
        assertThat(withNamespace).startsWith("response-cache:products:").isNotEqualTo(without);
        assertThat(hashOf(withNamespace)).as("the namespace names the key's group; it is not hashed")
                .isEqualTo(hashOf(without));
    }

    @Test
    void theOrderOfQueryParametersDoesNotMatter() {
        String expected = keys.build(products().queryParameter("zeta", "1").queryParameter("alpha", "2")
                .queryParameter("mid", "3").build());
        assertThat(keys.build(products().queryParameter("mid", "3").queryParameter("zeta", "1")
                .queryParameter("alpha", "2").build())).isEqualTo(expected);
        assertThat(keys.build(products().queryParameter("alpha", "2").queryParameter("mid", "3")
                .queryParameter("zeta", "1").build())).isEqualTo(expected);
    }

    @Test
    void anyPermutationOfManyQueryParametersGivesOneKey() {
        // names a hash map would not keep in order, one of them repeated (its values keep their relative order)
        List<String[]> parameters = new ArrayList<>(List.of(new String[] { "zeta", "1" }, new String[] { "alpha", "2" },
                new String[] { "mid", "3" }, new String[] { "Zulu", "4" }, new String[] { "b", "5" },
                new String[] { "aa", "6" }, new String[] { "é", "7" }, new String[] { "", "8" },
                new String[] { "utm_source", "news" }));
        String expected = keyOf(parameters, "tag", List.of("x", "y", "z"));
        Random random = new Random(20261128);
        Set<String> keysSeen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            Collections.shuffle(parameters, random);
            keysSeen.add(keyOf(parameters, "tag", List.of("x", "y", "z"), random));
        }
        assertThat(keysSeen).containsExactly(expected);
    }

    private String keyOf(List<String[]> parameters, String repeated, List<String> values) {
        ResponseCacheKeyInput.Builder input = products();
        parameters.forEach(p -> input.queryParameter(p[0], p[1]));
        values.forEach(v -> input.queryParameter(repeated, v));
        return keys.build(input.build());
    }

    /** Interleaves the repeated parameter's values, in their order, among the others at random places. */
    private String keyOf(List<String[]> parameters, String repeated, List<String> values, Random random) {
        List<String[]> all = new ArrayList<>(parameters);
        int position = 0;
        for (String value : values) {
            position = position + random.nextInt(all.size() - position + 1);
            all.add(position++, new String[] { repeated, value });
        }
        ResponseCacheKeyInput.Builder input = products();
        all.forEach(p -> input.queryParameter(p[0], p[1]));
        return keys.build(input.build());
    }

    @Test
    void theOrderOfTheValuesOfOneParameterMatters() {
        // documented on ResponseCacheKeyInput: for a list, ?id=1&id=2 and ?id=2&id=1 may be different answers
        assertThat(keys.build(products().queryParameter("id", "1").queryParameter("id", "2").build()))
                .isNotEqualTo(keys.build(products().queryParameter("id", "2").queryParameter("id", "1").build()));
    }

    @Test
    void aRepeatedValueCounts() {
        assertThat(keys.build(products().queryParameter("id", "1").queryParameter("id", "1").build()))
                .isNotEqualTo(keys.build(products().queryParameter("id", "1").build()));
    }

    @Test
    void aParameterWithoutValueIsNotTheSameAsNoParameter() {
        assertThat(keys.build(products().queryParameter("debug", null).build()))
                .isEqualTo(keys.build(products().queryParameter("debug", "").build()))
                .isNotEqualTo(keys.build(products().build()));
    }

    @Test
    void partsAreDelimitedByTheirLengthsNotBySeparators() {
        assertDistinct(
                // ?a=b&c versus ?a=b%26c
                products().queryParameter("a", "b").queryParameter("c", ""),
                products().queryParameter("a", "b&c"),
                // ?a=b&a=c versus ?a=bc, and versus ?a=b&c
                products().queryParameter("a", "b").queryParameter("a", "c"),
                products().queryParameter("a", "bc"),
                // where the name ends and the value begins
                products().queryParameter("ab", "c"),
                products().queryParameter("a=b", "c"),
                products().queryParameter("a", "b=c"));
        assertDistinct(
                ResponseCacheKeyInput.forEndpoint("a#b").path("/c"),
                ResponseCacheKeyInput.forEndpoint("a#b/").path("c"),
                ResponseCacheKeyInput.forEndpoint("a#").path("b/c"));
        assertDistinct(
                products().mediaType("text/plain"),
                products().principal("text/plain"),
                products().queryParameter("text/plain", ""),
                products().varyHeader("text/plain", ""),
                products().path("/productstext/plain"));
        assertDistinct(
                products().queryParameter("h", "v"),
                products().varyHeader("h", "v"));
    }

    private void assertDistinct(ResponseCacheKeyInput.Builder... inputs) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < inputs.length; i++) {
            Integer earlier = seen.put(keys.build(inputs[i].build()), i);
            assertThat(earlier).as("input %d has the key of input %s", i, earlier).isNull();
        }
    }

    @Test
    void thePrincipalSeparatesEntries() {
        String shared = keys.build(products().build());
        String alice = keys.build(products().principal("principal:alice").build());
        String bob = keys.build(products().principal("principal:bob").build());
        assertThat(alice).isNotEqualTo(shared).isNotEqualTo(bob);
        assertThat(keys.build(products().principal(null).build())).isEqualTo(shared);
    }

    @Test
    void aVaryHeaderSeparatesEntriesAndItsNameIsCaseInsensitive() {
        String french = keys.build(products().varyHeader("Accept-Language", "fr").build());
        assertThat(keys.build(products().varyHeader("Accept-Language", "de").build())).isNotEqualTo(french);
        assertThat(keys.build(products().varyHeader("accept-language", "fr").build())).isEqualTo(french);
        assertThat(keys.build(products().varyHeader("ACCEPT-LANGUAGE", "fr").build())).isEqualTo(french);
        // the value keeps its case: a header value is not case-insensitive in general
        assertThat(keys.build(products().varyHeader("Accept-Language", "FR").build())).isNotEqualTo(french);
    }

    @Test
    void aMissingVaryHeaderIsAnEmptyValueNotNoHeader() {
        String missing = keys.build(products().varyHeader("Accept-Language", null).build());
        assertThat(missing).isEqualTo(keys.build(products().varyHeader("Accept-Language", "").build()))
                .isNotEqualTo(keys.build(products().build()));
    }

    @Test
    void theOrderOfVaryHeadersDoesNotMatter() {
        assertThat(keys.build(products().varyHeader("X-Tenant", "a").varyHeader("Accept-Language", "fr").build()))
                .isEqualTo(keys.build(products().varyHeader("Accept-Language", "fr").varyHeader("X-Tenant", "a")
                        .build()));
    }

    @Test
    void theMediaTypeSeparatesEntries() {
        assertThat(keys.build(products().mediaType("application/json").build()))
                .isNotEqualTo(keys.build(products().mediaType("text/plain").build()))
                .isNotEqualTo(keys.build(products().build()));
    }

    @Test
    void everyPartTakesPartInTheHash() {
        assertDistinct(
                products(),
                ResponseCacheKeyInput.forEndpoint(ENDPOINT + "2").namespace("products").path("/products"),
                products().path("/products/"),
                products().queryParameter("page", "1"),
                products().varyHeader("Accept-Language", "fr"),
                products().mediaType("application/json"),
                products().principal("principal:alice"));
    }

    @Test
    void textOutsideAsciiIsHashedAsUtf8() {
        assertDistinct(products().path("/produits/é"), products().path("/produits/e"),
                products().path("/produits/\u00c3\u00a9"), products().path("/produits/\u0080"),
                products().path("/produits/\u007f"));
        for (ResponseCacheKeyInput input : List.of(products().path("/produits/é").build(),
                products().path("/produits/\u0080").build(), products().path("/\u007f\u0080\uffff").build(),
                products().queryParameter("größe", "groß").varyHeader("Accept-Language", "日本語").principal("ü")
                        .build())) {
            assertThat(hashOf(keys.build(input))).as(input.path()).isEqualTo(reference(input));
        }
    }

    @Test
    void longPartsHashLikeShortOnes() {
        // beyond the builder's reused 256-byte buffer, in one part and across many
        String[] lengths = { "x".repeat(255), "x".repeat(256), "x".repeat(257), "y".repeat(1000), "é".repeat(300),
                "z".repeat(5000) };
        for (String value : lengths) {
            ResponseCacheKeyInput input = products().path("/p/" + value).queryParameter("q", value)
                    .queryParameter(value, "v").varyHeader("X-Long", value).principal(value).build();
            assertThat(hashOf(keys.build(input))).as("length %d", value.length()).isEqualTo(reference(input));
        }
        ResponseCacheKeyInput.Builder many = products();
        for (int i = 0; i < 200; i++) {
            many.queryParameter("p" + i, "value-" + i);
        }
        ResponseCacheKeyInput input = many.build();
        assertThat(hashOf(keys.build(input))).isEqualTo(reference(input));
    }

    @Test
    void aPartOfMoreThan65535BytesIsCountedWhole() {
        ResponseCacheKeyInput input = products().principal("p".repeat(70_000)).build();
        assertThat(hashOf(keys.build(input))).isEqualTo(reference(input));
        assertThat(keys.build(input)).isNotEqualTo(keys.build(products().principal("p".repeat(70_000 - 65_536))
                .build()));
    }

    @Test
    void theFirstKeysOfAThreadHashLikeAnyOther() throws Exception {
        // each thread (each event loop) starts with a small buffer of its own, which these inputs outgrow
        ResponseCacheKeyInput.Builder many = products();
        for (int i = 0; i < 100; i++) {
            many.queryParameter("p" + i, "v");
        }
        List<ResponseCacheKeyInput> inputs = List.of(many.build(), products().path("/" + "x".repeat(300)).build(),
                products().path("/" + "é".repeat(200)).build(), products().principal("y".repeat(600)).build());
        for (ResponseCacheKeyInput input : inputs) {
            String[] onAFreshThread = new String[1];
            Thread thread = new Thread(() -> onAFreshThread[0] = keys.build(input));
            thread.start();
            thread.join(10_000);
            assertThat(onAFreshThread[0]).isEqualTo("response-cache:products:" + reference(input));
        }
    }

    @Test
    void anEndpointIsNamedByItsClassAndMethod() {
        ResponseCacheKeyInput input = ResponseCacheKeyInput.forEndpoint(String.class, "length").build();
        assertThat(input.endpoint()).isEqualTo("java.lang.String#length");
        assertThat(keys.build(input)).isEqualTo(keys.build(ResponseCacheKeyInput.forEndpoint("java.lang.String#length")
                .build()));
    }

    @Test
    void aLongKeyDoesNotChangeTheNextOne() {
        String shortKey = keys.build(products().build());
        keys.build(products().path("/" + "x".repeat(10_000)).principal("é".repeat(500)).build());
        assertThat(keys.build(products().build())).isEqualTo(shortKey);
    }

    @Test
    void keysBuiltOnManyThreadsAtOnceAreTheSameAsOnOne() throws Exception {
        List<ResponseCacheKeyInput> inputs = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            inputs.add(products().path("/products/" + i).queryParameter("page", Integer.toString(i % 7))
                    .principal(i % 2 == 0 ? "" : "principal:" + "u".repeat(i * 10)).build());
        }
        List<String> expected = inputs.stream().map(keys::build).toList();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<String>>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                tasks.add(() -> {
                    List<String> built = new ArrayList<>();
                    for (int round = 0; round < 50; round++) {
                        built = inputs.stream().map(keys::build).toList();
                    }
                    return built;
                });
            }
            for (Future<List<String>> result : threads.invokeAll(tasks)) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            threads.shutdown();
            assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void noTwoDifferentInputsShareAHashInput() {
        // A: one query parameter q=v, and a principal of 366 characters followed by four NULs
        String tail = "p".repeat(366);
        ResponseCacheKeyInput a = ResponseCacheKeyInput.forEndpoint(ENDPOINT).queryParameter("q", "v")
                .principal(tail + "\0\0\0\0").build();
        // B: no query parameter; a vary header q (one NUL) and a media type that takes up A's remaining bytes
        ResponseCacheKeyInput b = ResponseCacheKeyInput.forEndpoint(ENDPOINT).varyHeader("q", "\0")
                .mediaType("\0\0\0\0\0\0\u0001\u0072" + tail).build();
        assertThat(keys.build(a)).isNotEqualTo(keys.build(b));
    }

    @Test
    void theConservativeAndCookiePartsEachChangeTheKeyAndFollowTheDocumentedHash() {
        ResponseCacheKeyInput plain = products().build();
        List<ResponseCacheKeyInput> variants = List.of(products().scheme("https").build(),
                products().host("evil.example").build(), products().queryString("b=2&a=1").build(),
                products().queryString("a=1&b=2").build(), products().cookie("session", "a").build(),
                products().cookie("session", "b").build(), products().cookie("session", "").build());
        Set<String> seen = new HashSet<>();
        seen.add(keys.build(plain));
        for (ResponseCacheKeyInput variant : variants) {
            String key = keys.build(variant);
            assertThat(seen.add(key)).as("a key of its own").isTrue();
            assertThat(hashOf(key)).isEqualTo(reference(variant));
        }
    }

    @Test
    void anInputWithoutTheLaterPartsKeepsItsEarlierKey() {
        ResponseCacheKeyInput input = products().queryParameter("page", "2").principal("alice").build();
        assertThat(hashOf(keys.build(input))).isEqualTo(reference(input));
        assertThat(input.scheme()).isEmpty();
        assertThat(input.host()).isEmpty();
        assertThat(input.queryString()).isEmpty();
        assertThat(input.cookies()).isEmpty();
    }

    @Test
    void aHostCannotPassForAQueryString() {
        assertThat(keys.build(products().host("a").build())).isNotEqualTo(keys.build(products().queryString("a").build()));
        assertThat(keys.build(products().scheme("a").host("").build()))
                .isNotEqualTo(keys.build(products().host("a").build()));
    }

    /**
     * The documented hash, written out independently: SHA-256 of each part as its UTF-8 length (4 bytes, big-endian)
     * and bytes, each query parameter's values preceded by their count; the first 16 bytes in URL-safe base64.
     */
    static String reference(ResponseCacheKeyInput input) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            part(out, input.endpoint());
            part(out, input.path());
            out.writeInt(input.queryParameters().size());
            for (Map.Entry<String, List<String>> parameter : input.queryParameters().entrySet()) {
                part(out, parameter.getKey());
                out.writeInt(parameter.getValue().size());
                for (String value : parameter.getValue()) {
                    part(out, value);
                }
            }
            out.writeInt(input.varyHeaders().size());
            for (Map.Entry<String, String> header : input.varyHeaders().entrySet()) {
                part(out, header.getKey());
                part(out, header.getValue());
            }
            part(out, input.mediaType());
            part(out, input.principal());
            if (!input.scheme().isEmpty() || !input.host().isEmpty() || !input.queryString().isEmpty()
                    || !input.cookies().isEmpty()) {
                part(out, input.scheme());
                part(out, input.host());
                part(out, input.queryString());
                out.writeInt(input.cookies().size());
                for (Map.Entry<String, String> cookie : input.cookies().entrySet()) {
                    part(out, cookie.getKey());
                    part(out, cookie.getValue());
                }
            }
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void part(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
