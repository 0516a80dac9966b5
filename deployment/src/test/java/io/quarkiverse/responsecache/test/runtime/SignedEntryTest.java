package io.quarkiverse.responsecache.test.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.LogRecord;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.responsecache.ResponseCacheKeyBuilder;
import io.quarkiverse.responsecache.ResponseCacheKeyInput;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.entry.EntryCodec;
import io.quarkiverse.responsecache.test.observability.PrometheusScrape;
import io.quarkiverse.responsecache.testing.LocalRedis;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * With {@code entry-signing-key} set, an entry changed in Redis (its body, a header, its status: each still a
 * well-formed entry the entry rules accept) or written without the key is a miss, counted, and the next store heals
 * it. Two keys: the first signs, both verify, so entries signed before a rotation still hit. The keys never reach the
 * log.
 */
class SignedEntryTest {

    static final String NEW_KEY = key('n');
    static final String OLD_KEY = key('o');
    static final String RETIRED_KEY = key('r');

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("signed-test")
            .overrideConfigKey("quarkus.response-cache.entry-signing-key", NEW_KEY + "," + OLD_KEY)
            // a changed status must be caught by the signature, not by the entry rules
            .overrideConfigKey("quarkus.response-cache.cacheable-statuses", "200,203")
            .withApplicationRoot(root -> root.addClasses(CountingResource.class, Await.class, PrometheusScrape.class))
            .setLogRecordPredicate(record -> true)
            .assertLogRecords(records -> {
                assertThat(records).anyMatch(record -> record.getMessage().contains("valid signature"));
                for (LogRecord record : records) {
                    String logged = record.getMessage() + Arrays.toString(record.getParameters());
                    assertThat(logged).doesNotContain(NEW_KEY, OLD_KEY);
                }
            });

    @Inject
    ResponseCacheKeyBuilder keyBuilder;
    @Inject
    EntryCodec codec;

    @ParameterizedTest
    @ValueSource(strings = { "body", "header", "status" })
    void aChangedEntryIsAMissAndTheNextStoreHealsIt(String change) {
        String id = Await.unique();
        String path = "/counting/" + id;
        String body = given().get(path).asString();
        Await.cachedBody(path, body);
        try (RedisTestClient redis = LocalRedis.client()) {
            String stored = new String(redis.bytes("GET", key(id)), StandardCharsets.UTF_8);
            assertThat(stored).startsWith("RS1 ");
            String changed = switch (change) {
                case "body" -> stored.substring(0, stored.length() - 1) + (stored.endsWith("9") ? "8" : "9");
                case "header" -> stored.replaceFirst("(\nRC2 [^\n]*\n[^\n]*\n)", "$1X-Note: forged\n");
                default -> stored.replace("\nRC2 200 ", "\nRC2 203 ");
            };
            assertThat(changed).isNotEqualTo(stored);
            long rejected = codec.rejected();
            redis.commandWithBinaryValue(changed.getBytes(StandardCharsets.UTF_8), "SET", key(id));

            Response response = given().get(path);
            assertThat(response.header("X-Cache")).isEqualTo("MISS");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.header("X-Note")).isNull();
            assertThat(response.asString()).startsWith("value-" + id).isNotEqualTo(body);
            assertThat(codec.rejected()).isGreaterThan(rejected);
            assertThat(PrometheusScrape.now().value("response_cache_entries_rejected_total", "tier=\"redis\""))
                    .isGreaterThan(rejected);

            Await.cachedBody(path, response.asString());
            assertThat(new String(redis.bytes("GET", key(id)), StandardCharsets.UTF_8)).startsWith("RS1 ");
        }
    }

    @Test
    void rotationKeepsEntriesOfTheOldKeyAndRefusesTheRest() {
        try (RedisTestClient redis = LocalRedis.client()) {
            String old = Await.unique();
            redis.commandWithBinaryValue(signed(OLD_KEY, old, "signed-before-rotation"), "SET", key(old));
            Response hit = given().get("/counting/" + old);
            assertThat(hit.header("X-Cache")).isEqualTo("HIT");
            assertThat(hit.asString()).isEqualTo("signed-before-rotation");

            String retired = Await.unique();
            redis.commandWithBinaryValue(signed(RETIRED_KEY, retired, "retired-key"), "SET", key(retired));
            assertThat(given().get("/counting/" + retired).header("X-Cache")).isEqualTo("MISS");

            String unsigned = Await.unique();
            redis.commandWithBinaryValue(EntryCodec.unsigned().encode(key(unsigned), response("unsigned")), "SET",
                    key(unsigned));
            assertThat(given().get("/counting/" + unsigned).header("X-Cache")).isEqualTo("MISS");

            // a valid entry moved under another key does not verify either: the key is part of what is signed
            String moved = Await.unique();
            redis.commandWithBinaryValue(signed(NEW_KEY, Await.unique(), "moved"), "SET", key(moved));
            assertThat(given().get("/counting/" + moved).header("X-Cache")).isEqualTo("MISS");
        }
    }

    private byte[] signed(String signingKey, String id, String body) {
        return new EntryCodec(List.of(signingKey)).encode(key(id), response(body));
    }

    private static CachedResponse response(String body) {
        return new CachedResponse(200, System.currentTimeMillis() + 10_000, "\"handmade\"",
                List.of(Map.entry("Content-Type", "text/plain")), body.getBytes(StandardCharsets.UTF_8));
    }

    private String key(String id) {
        return keyBuilder.build(ResponseCacheKeyInput.forEndpoint(CountingResource.class.getName() + "#cached")
                .path("/counting/" + id).build());
    }

    private static String key(char fill) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) fill);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
