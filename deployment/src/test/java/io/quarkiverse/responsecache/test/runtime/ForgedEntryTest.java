package io.quarkiverse.responsecache.test.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.responsecache.ResponseCacheKeyBuilder;
import io.quarkiverse.responsecache.ResponseCacheKeyInput;
import io.quarkiverse.responsecache.testing.LocalRedis;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * Entries written into Redis by someone else, well-formed but holding what the cache never stores: an entry is checked
 * on replay by the rules it was checked by when stored, and one that breaks them is a miss that the endpoint's
 * response overwrites. {@code {expiry}} stands for a plausible expiry (ten seconds from now), so each value breaks
 * exactly one rule.
 */
class ForgedEntryTest {

    /** The endpoint's {@code expire}. */
    static final Duration EXPIRE = Duration.ofSeconds(30);

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("forged-test")
            .withApplicationRoot(root -> root.addClasses(CountingResource.class, Await.class));

    @Inject
    ResponseCacheKeyBuilder keyBuilder;

    @ParameterizedTest
    @ValueSource(strings = {
            // statuses that are not final, have no body to replay, or answer one exchange only
            "RC2 101 {expiry} forged 2\ntext/plain\nUpgrade: h2c\n\nok",
            "RC2 204 {expiry} forged 2\ntext/plain\n\nok",
            "RC2 304 {expiry} forged 2\ntext/plain\n\nok",
            // a final status the configuration does not list as cacheable
            "RC2 404 {expiry} forged 2\ntext/plain\n\nok",
            "RC2 302 {expiry} forged 2\ntext/plain\nLocation: https://evil.example/\n\nok",
            // headers a stored response never keeps
            "RC2 200 {expiry} forged 2\ntext/plain\nSet-Cookie: session=attacker\n\nok",
            "RC2 200 {expiry} forged 2\ntext/plain\nLocation: https://evil.example/\n\nok",
            "RC2 200 {expiry} forged 2\ntext/plain\nCache-Control: max-age=31536000\n\nok",
            "RC2 200 {expiry} forged 2\ntext/plain\nX-Cache: HIT\n\nok",
            "RC2 200 {expiry} forged 2\ntext/plain\nTransfer-Encoding: chunked\n\nok",
            // a CR would break the response for the entry's whole life; CR LF would add a header
            "RC2 200 {expiry} forged 2\ntext/plain\nX-Note: a\rSet-Cookie: session=attacker\n\nok",
            "RC2 200 {expiry} forged 2\ntext/plain\rSet-Cookie: session=attacker\n\nok",
            "RC2 200 {expiry} forged 2\ntext/plain\nX-Note: a\u0000b\n\nok",
            "RC2 200 {expiry} forged 2\ntext/plain\nX Note: not a token\n\nok",
            // an expiry years away: it would say max-age=1025224544
            "RC2 200 {far} forged 2\ntext/plain\n\nok" })
    void aForgedEntryIsAMissAndIsOverwritten(String forged) {
        String id = Await.unique();
        String path = "/counting/" + id;
        try (RedisTestClient redis = LocalRedis.client()) {
            redis.commandWithBinaryValue(entry(forged), "SET", key(id));
            Response response = given().get(path);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.header("X-Cache")).isEqualTo("MISS");
            assertThat(response.header("Set-Cookie")).isNull();
            assertThat(response.header("Location")).isNull();
            assertThat(response.header("Cache-Control")).isEqualTo("max-age=30");
            assertThat(response.asString()).startsWith("value-" + id);
            Await.cachedBody(path, response.asString());
        }
    }

    /** The control: the same harness, an entry that breaks no rule, is a hit. */
    @Test
    void aValidEntryWrittenByHandIsAHit() {
        String id = Await.unique();
        try (RedisTestClient redis = LocalRedis.client()) {
            redis.commandWithBinaryValue(entry("RC2 200 {expiry} handmade 2\ntext/plain\nX-Note: kept\n\nok"), "SET",
                    key(id));
            Response response = given().get("/counting/" + id);
            assertThat(response.header("X-Cache")).isEqualTo("HIT");
            assertThat(response.header("X-Note")).isEqualTo("kept");
            assertThat(response.asString()).isEqualTo("ok");
        }
    }

    /**
     * An expiry a little past {@code now + expire} is another instance's clock running ahead: replayed, its freshness
     * cut back to the endpoint's.
     */
    @Test
    void anExpiryJustPastTheEndpointsFreshnessIsCutBack() {
        String id = Await.unique();
        long expiry = System.currentTimeMillis() + EXPIRE.toMillis() + 3_000;
        try (RedisTestClient redis = LocalRedis.client()) {
            redis.commandWithBinaryValue(("RC2 200 " + Long.toString(expiry, 36) + " ahead 2\ntext/plain\n\nok")
                    .getBytes(StandardCharsets.UTF_8), "SET", key(id));
            Response response = given().get("/counting/" + id);
            assertThat(response.header("X-Cache")).isEqualTo("HIT");
            long maxAge = Long.parseLong(response.header("Cache-Control").replace("max-age=", ""));
            assertThat(maxAge).isBetween(1L, EXPIRE.toSeconds());
        }
    }

    private String key(String id) {
        return keyBuilder.build(ResponseCacheKeyInput.forEndpoint(CountingResource.class.getName() + "#cached")
                .path("/counting/" + id).build());
    }

    private static byte[] entry(String template) {
        long now = System.currentTimeMillis();
        return template.replace("{expiry}", Long.toString(now + 10_000, 36))
                .replace("{far}", Long.toString(now + 1_025_224_544_000L, 36))
                .getBytes(StandardCharsets.UTF_8);
    }
}
