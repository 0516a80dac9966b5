package io.quarkiverse.responsecache.test.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;

/** Concurrent misses of one key run the endpoint once; different keys never wait for each other. */
class CoalescingTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("coalescing-test")
            // this test is about coalescing, not timeouts: a cold JVM opening its first connections may be slow
            .overrideConfigKey("quarkus.response-cache.lookup-timeout", "5s")
            .withApplicationRoot(root -> root.addClasses(SlowResource.class, ConcurrentRequests.class, Await.class));

    @Test
    void fiftySimultaneousRequestsForAColdKeyRunTheEndpointOnce() {
        String id = Await.unique();
        List<HttpResponse<String>> responses = ConcurrentRequests.get("/slow/" + id, 50);

        assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(200));
        assertThat(responses).extracting(HttpResponse::body).containsOnly(id + "-1");
        assertThat(SlowResource.invocations(id)).isEqualTo(1);
        assertThat(responses).extracting(r -> r.headers().firstValue("Cache-Status").orElse(""))
                .contains("response-cache; fwd=uri-miss; stored; detail=absent")
                .anySatisfy(status -> assertThat(status).startsWith("response-cache; hit;").endsWith("detail=coalesced"));
    }

    @Test
    void differentKeysDoNotWaitForEachOther() {
        String first = Await.unique();
        String second = Await.unique();
        CompletableFuture<String> firstBody = CompletableFuture
                .supplyAsync(() -> given().get("/slow/first/" + first).asString());
        String secondBody = given().get("/slow/second/" + second).asString();
        assertThat(secondBody).isEqualTo(second + "-1");
        assertThat(firstBody.join()).as("the first key's request saw the second one start").isEqualTo(first + "-1-true");
    }
}
