package io.quarkiverse.responsecache.test.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkiverse.responsecache.runtime.store.memory.MemoryResponseStore;
import io.quarkiverse.responsecache.spi.ResponseStore;
import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * The memory store holds at most {@code memory.max-size} bytes whatever the responses weigh: hundreds of distinct
 * responses of nearly the largest cacheable size are all answered, the store never holds more than its bound, and the
 * entries it had to let go left their indexes.
 */
class MemoryStoreByteBoundTest {

    static final int MAX_SIZE_MIB = 16;
    static final int BODY_BYTES = 1000 * 1024;
    static final int DISTINCT_RESPONSES = 300;
    static final String PREFIX = "memory-byte-bound-test";

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.withoutRedis(PREFIX)
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.response-cache.memory.max-size", MAX_SIZE_MIB + "M")
            .withApplicationRoot(root -> root.addClasses(LargeResource.class, Await.class));

    @Path("/large")
    public static class LargeResource {

        @GET
        @Path("/{id}")
        @Produces(MediaType.APPLICATION_OCTET_STREAM)
        @ResponseCache(expire = 600, namespace = "large", tags = "large")
        public byte[] large(@PathParam("id") int id) {
            byte[] body = new byte[BODY_BYTES];
            Arrays.fill(body, (byte) ('a' + id % 26));
            return body;
        }
    }

    @Inject
    ResponseStore store;

    @Test
    void hundredsOfNearlyOneMebibyteResponsesStayWithinTheBound() {
        MemoryResponseStore memory = (MemoryResponseStore) store;
        long bound = MAX_SIZE_MIB * 1024L * 1024L;
        for (int id = 0; id < DISTINCT_RESPONSES; id++) {
            Response response = given().get("/large/" + id);
            assertThat(response.statusCode()).as("response %d", id).isEqualTo(200);
            assertThat(response.asByteArray()).hasSize(BODY_BYTES);
            assertThat(memory.weightedSize()).as("after response %d", id).isLessThanOrEqualTo(bound);
        }
        assertThat(memory.size()).as("entries held").isPositive().isLessThanOrEqualTo(MAX_SIZE_MIB);

        // the entries still held are exactly those the tag's index lists: evicted ones left it
        Set<String> listed = store.members(PREFIX + "#tag:large").await().atMost(Await.AT_MOST);
        Set<String> held = new HashSet<>();
        for (String key : listed) {
            if (store.get(key).await().atMost(Await.AT_MOST) != null) {
                held.add(key);
            }
        }
        assertThat(listed).hasSize((int) memory.size()).isEqualTo(held);
    }
}
