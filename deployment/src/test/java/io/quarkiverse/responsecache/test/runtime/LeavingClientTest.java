package io.quarkiverse.responsecache.test.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.ResponseCacheKeyBuilder;
import io.quarkiverse.responsecache.ResponseCacheKeyInput;
import io.quarkiverse.responsecache.testing.LocalRedis;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;

/**
 * A client that leaves while its request computes a key: the claim the request took goes (the next request is not
 * left to find the key claimed by nobody), and so does the computation others of this instance would wait for.
 */
class LeavingClientTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("leaving-client-test")
            // longer than the client of the next request waits: following a computation nobody ended would fail it
            .overrideConfigKey("quarkus.response-cache.coalescing.timeout", "60s")
            .withApplicationRoot(root -> root.addClasses(LeavingResource.class, ConcurrentRequests.class, Await.class));

    @Inject
    ResponseCacheKeyBuilder keyBuilder;

    @Test
    void aRequestWhoseClientLeftDuringItsComputationReleasesItsClaimAndEndsItsComputation() throws Exception {
        String id = Await.unique();
        String path = "/leaving/" + id;
        String key = keyBuilder.build(ResponseCacheKeyInput.forEndpoint(LeavingResource.class, "leave").path(path).build());
        try (RedisTestClient redis = LocalRedis.client()) {
            try (Socket client = new Socket("localhost", RestAssured.port)) {
                OutputStream out = client.getOutputStream();
                out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Await.awaiting("the endpoint computing " + id).until(() -> LeavingResource.STARTED.contains(id));
                assertThat(redis.command("EXISTS", key)).as("the claim's placeholder under " + key).isEqualTo(1L);
            }
            Await.awaiting("the claim under " + key + " released")
                    .until(() -> Long.valueOf(0).equals(redis.command("EXISTS", key)));
        }

        HttpResponse<String> next = ConcurrentRequests.get(path, 1).get(0);
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).isEqualTo("computed-" + id);
        assertThat(next.headers().firstValue("Cache-Status")).contains("response-cache; fwd=uri-miss; stored; detail=absent");
    }
}
