package io.quarkiverse.responsecache.test.edge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkiverse.responsecache.testing.VarnishProcess;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A real Varnish (vmod xkey, the VCL of the Edge guide) in front of the application, on loopback: responses carry
 * their keys, Varnish keeps them, a write's eviction purges Varnish before the write answers, a soft purge serves the
 * old page once then the new one, and a frozen Varnish delays a write by the purge timeout at most.
 */
class VarnishInFrontTest {

    static final VarnishProcess VARNISH = VarnishProcess.shared("edge-test");
    static final int MANAGEMENT_PORT = RedisServerProcess.freePort();
    static final long PURGE_TIMEOUT_MILLIS = 1000;

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("edge-test")
            .overrideConfigKey("quarkus.response-cache.edge.tag-header", "xkey")
            .overrideConfigKey("quarkus.response-cache.edge.purge-urls", VARNISH.url() + "/")
            .overrideConfigKey("quarkus.response-cache.edge.purge-timeout", PURGE_TIMEOUT_MILLIS + "ms")
            .overrideConfigKey("quarkus.response-cache.edge.max-age", "1h")
            // far beyond the purge timeout: a purge that were not bounded by its own would show
            .overrideConfigKey("quarkus.response-cache.invalidation.timeout", "30s")
            .overrideConfigKey("quarkus.response-cache.management.enabled", "true")
            .overrideConfigKey("quarkus.management.enabled", "true")
            .overrideConfigKey("quarkus.management.test-port", Integer.toString(MANAGEMENT_PORT))
            .withApplicationRoot(root -> root.addClasses(EdgeItemResource.class, Await.class));

    @BeforeEach
    void varnishInFront() {
        assumeTrue(VarnishProcess.available(), VarnishProcess.MISSING);
        assumeTrue(VARNISH.startIfStopped(vcl(RestAssured.port)), VARNISH::whyNotRunning);
    }

    @AfterEach
    void varnishAnswers() {
        VARNISH.unpause();
    }

    @AfterAll
    static void stopVarnish() {
        VARNISH.close();
    }

    @Test
    void responsesCarryTheirKeysOnAMissAndOnAHit() {
        String id = Await.unique();
        Response miss = given().get("/edge-items/" + id);
        Response hit = given().get("/edge-items/" + id);

        assertThat(miss.header("X-Cache")).isEqualTo("MISS");
        assertThat(hit.header("X-Cache")).isEqualTo("HIT");
        assertThat(miss.header("xkey").split(" ")).contains("item:" + id, "edge-test#ns:edge-items", "edge-test")
                .anyMatch(key -> key.startsWith("edge-test:edge-items:"));
        assertThat(hit.header("xkey")).isEqualTo(miss.header("xkey"));
        assertThat(hit.header("CDN-Cache-Control")).isEqualTo("max-age=3600");
    }

    @Test
    void varnishKeepsThePageAndAWriteIsSeenThroughItOnTheNextRead() {
        String id = Await.unique();
        String other = Await.unique();
        assertThat(throughVarnish(id).header("X-Edge-Cache")).isEqualTo("MISS");
        throughVarnish(other);
        Response kept = throughVarnish(id);
        assertThat(kept.header("X-Edge-Cache")).isEqualTo("HIT");
        assertThat(kept.asString()).isEqualTo("item " + id + " v0");
        assertThat(kept.header("xkey")).as("the keys are for Varnish only").isNull();

        given().body("v1").put("/edge-items/" + id).then().statusCode(204);

        for (int read = 0; read < 5; read++) {
            assertThat(throughVarnish(id).asString()).isEqualTo("item " + id + " v1");
        }
        // the purge named the item's tag only
        assertThat(throughVarnish(other).header("X-Edge-Cache")).isEqualTo("HIT");
    }

    @Test
    void aSoftPurgeServesTheOldPageOnceThenTheNewOne() {
        String id = Await.unique();
        throughVarnish(id);
        assertThat(throughVarnish(id).header("X-Edge-Cache")).isEqualTo("HIT");
        given().body("v2").post("/edge-items/" + id + "/unannounced").then().statusCode(204);

        management().post("/q/response-cache/soft-purge?tag=item:" + id).then().statusCode(200);

        Response stale = throughVarnish(id);
        assertThat(stale.asString()).isEqualTo("item " + id + " v0");
        assertThat(stale.header("X-Edge-Cache")).isEqualTo("HIT");
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> throughVarnish(id).asString().equals("item " + id + " v2"));
    }

    @Test
    void aFrozenVarnishDelaysAWriteByThePurgeTimeoutAtMost() {
        String id = Await.unique();
        throughVarnish(id);
        double failuresBefore = purgeFailures();
        VARNISH.pause();

        long started = System.nanoTime();
        given().body("v3").put("/edge-items/" + id).then().statusCode(204);
        long writeMillis = (System.nanoTime() - started) / 1_000_000;

        // the bound, plus room for a busy two-core machine; an unbounded purge would wait the 30 s of the eviction
        assertThat(writeMillis).isBetween(PURGE_TIMEOUT_MILLIS - 100, PURGE_TIMEOUT_MILLIS + 5000);
        assertThat(purgeFailures()).isEqualTo(failuresBefore + 1);
        assertThat(given().get("/edge-items/" + id).asString()).isEqualTo("item " + id + " v3");

        VARNISH.unpause();
        given().body("v4").put("/edge-items/" + id).then().statusCode(204);
        assertThat(throughVarnish(id).asString()).isEqualTo("item " + id + " v4");
    }

    /** @return the purge failures counted, all layers together (metrics are on the management interface here) */
    private static double purgeFailures() {
        String metrics = management().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("response_cache_edge_purge_failures_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static Response throughVarnish(String id) {
        return given().port(VARNISH.port()).get("/edge-items/" + id);
    }

    private static RequestSpecification management() {
        return given().port(ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class));
    }

    /** The Edge guide's VCL, its backend pointed at this application. */
    private static String vcl(int applicationPort) {
        try {
            String vcl = Files.readString(Path.of("../docs/modules/ROOT/examples/xkey.vcl"));
            if (!vcl.contains(".port = \"8080\";")) {
                throw new IllegalStateException("the guide's VCL no longer names its backend's port 8080");
            }
            return vcl.replace(".port = \"8080\";", ".port = \"" + applicationPort + "\";");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
