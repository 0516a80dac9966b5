package io.quarkiverse.responsecache.runtime.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.runtime.LogCapture;
import io.quarkiverse.responsecache.runtime.TestConfig;
import io.quarkiverse.responsecache.runtime.observe.ResponseCacheEvents;
import io.quarkiverse.responsecache.spi.ResponseCacheObserver;
import io.vertx.core.Vertx;

class EdgePurgesTest {

    static Vertx vertx;
    FakeApi answering;
    FakeApi frozen;
    final List<String> failedLayers = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close();
    }

    @BeforeEach
    void start() throws Exception {
        answering = new FakeApi(vertx);
        frozen = new FakeApi(vertx);
        frozen.answer = request -> null;
        // the first request of a JVM loads the HTTP client's classes: not what the timeouts below measure
        purges("quarkus.response-cache.edge.purge-urls", answering.url("/warm-up").toString(),
                "quarkus.response-cache.edge.purge-timeout", "30s").purge("all", List.of(""), false)
                .await().atMost(Duration.ofSeconds(30));
        answering.requests.clear();
        failedLayers.clear();
    }

    @AfterEach
    void stop() throws Exception {
        answering.close();
        frozen.close();
    }

    @Test
    void aLayerThatDoesNotAnswerDelaysThePurgeByTheTimeoutAtMostAndIsLoggedOncePerIncident() {
        EdgePurges purges = purges("quarkus.response-cache.edge.purge-urls",
                answering.url("/") + "," + frozen.url("/"), "quarkus.response-cache.edge.purge-timeout", "2s");

        try (LogCapture log = LogCapture.of(EdgePurges.class)) {
            long started = System.nanoTime();
            purges.purge("tag", List.of("item:42"), false).await().atMost(Duration.ofSeconds(30));
            purges.purge("tag", List.of("item:43"), false).await().atMost(Duration.ofSeconds(30));
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

            // both purges waited for the frozen layer, each for its timeout only (a timeout long enough that the
            // answering layer answers within it on a busy machine)
            assertThat(elapsedMillis).isBetween(4_000L, 20_000L);
            assertThat(answering.requests).extracting(request -> request.headers().get("xkey-purge"))
                    .containsExactly("item:42 response-cache#overflow", "item:43 response-cache#overflow");
            assertThat(failedLayers).containsExactly(frozen.url("/").toString(), frozen.url("/").toString());
            assertThat(log.warnings()).singleElement().asString().contains(frozen.url("/").toString(), "2000 ms");

            frozen.answer = request -> new FakeApi.Answer(200, "");
            purges.purge("namespace", List.of("items"), false).await().atMost(Duration.ofSeconds(30));
            assertThat(log.infos()).singleElement().asString().contains("succeed again");
        }
    }

    @Test
    void aPurgeOfEverythingNamesTheApplicationsKey() {
        EdgePurges purges = purges("quarkus.response-cache.edge.purge-urls", answering.url("/").toString());

        purges.purge("all", List.of(""), false).await().atMost(Duration.ofSeconds(30));
        purges.purge("url", List.of("/items/42"), true).await().atMost(Duration.ofSeconds(30));

        assertThat(answering.requests.get(0).headers().get("xkey-purge")).isEqualTo("response-cache");
        assertThat(answering.requests.get(1).headers().get("xkey-softpurge"))
                .isEqualTo("response-cache#url:/items/42 response-cache#overflow");
    }

    @Test
    void nothingConfiguredPurgesNothing() {
        EdgePurges purges = purges();

        assertThat(purges.purges()).isFalse();
        purges.purge("tag", List.of("a"), false).await().atMost(Duration.ofSeconds(1));
    }

    @Test
    void aCdnWithoutItsTokenStopsTheApplication() {
        assertThatThrownBy(() -> purges("quarkus.response-cache.edge.fastly.service-id", "svc"))
                .hasMessageContaining("quarkus.response-cache.edge.fastly.api-token");
        assertThatThrownBy(() -> purges("quarkus.response-cache.edge.cloudflare.zone-id", "zone"))
                .hasMessageContaining("quarkus.response-cache.edge.cloudflare.api-token");
        assertThatThrownBy(() -> purges("quarkus.response-cache.edge.purge-urls", "ftp://varnish/"))
                .hasMessageContaining("not an http or https URL");
    }

    private EdgePurges purges(String... properties) {
        EdgePurges purges = new EdgePurges(TestConfig.config(properties), vertx);
        purges.events = new ResponseCacheEvents(List.of(new ResponseCacheObserver() {
            @Override
            public void edgePurgeFailed(String layer) {
                failedLayers.add(layer);
            }
        }));
        return purges;
    }
}
