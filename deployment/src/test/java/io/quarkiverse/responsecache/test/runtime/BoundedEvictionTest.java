package io.quarkiverse.responsecache.test.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.ResponseCacheInvalidator;
import io.quarkiverse.responsecache.ResponseCacheUnavailableException;
import io.quarkiverse.responsecache.test.runtime.ScriptedStore.Behaviour;
import io.quarkiverse.responsecache.test.store.CatalogResource;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/**
 * Evictions are bounded by {@code quarkus.response-cache.invalidation.timeout}, and refused at once while the store's
 * breaker is open: the invalidator's {@code Uni} fails with a {@link ResponseCacheUnavailableException} that says
 * which, and a method annotated with {@code @ResponseCacheInvalidate} sends its response anyway.
 */
class BoundedEvictionTest {

    static final Duration TIMEOUT = Duration.ofMillis(1500);
    static final Duration OPEN = Duration.ofSeconds(10);
    /** Far above the timeout, far below the five seconds evictions used to wait; room for a busy machine. */
    static final Duration PATIENCE = Duration.ofMillis(4500);

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.withoutRedis("bounded-eviction-test")
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.response-cache.invalidation.timeout", TIMEOUT.toMillis() + "ms")
            .overrideConfigKey("quarkus.response-cache.circuit-breaker.failure-threshold", "2")
            .overrideConfigKey("quarkus.response-cache.circuit-breaker.open-duration", OPEN.toSeconds() + "s")
            .withApplicationRoot(root -> root.addClasses(CatalogResource.class, ScriptedStore.class,
                    ManualClock.class, Await.class));

    @Inject
    ScriptedStore store;

    @Inject
    ManualClock clock;

    @Inject
    ResponseCacheInvalidator invalidator;

    @Test
    void anEvictionThatGetsNoAnswerFailsAfterTheConfiguredTimeout() {
        closedBreaker();
        store.script(Behaviour.EMPTY, Behaviour.HANG);
        long started = System.nanoTime();
        Throwable failure = invalidator.evictTag("product:1").subscribe().withSubscriber(UniAssertSubscriber.create())
                .awaitFailure(PATIENCE).getFailure();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(TIMEOUT);
        assertThat(failure).isInstanceOf(ResponseCacheUnavailableException.class)
                .hasMessage("Evicting tag product:1 did not complete within 1500 ms"
                        + " (quarkus.response-cache.invalidation.timeout); it goes on in the background");
    }

    @Test
    void anAnnotatedWriteIsAnsweredWithinTheConfiguredTimeout() {
        closedBreaker();
        store.script(Behaviour.EMPTY, Behaviour.HANG);
        long started = System.nanoTime();
        given().put("/catalog/products/7").then().statusCode(204);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(PATIENCE);
    }

    @Test
    void whileTheBreakerIsOpenAnEvictionFailsAtOnceWithoutAskingTheStore() {
        closedBreaker();
        store.script(Behaviour.FAIL, Behaviour.HANG);
        given().get("/catalog/products/" + Await.unique());
        given().get("/catalog/products/" + Await.unique());
        Throwable failure = invalidator.evictNamespace("products").subscribe()
                .withSubscriber(UniAssertSubscriber.create()).awaitFailure(PATIENCE).getFailure();
        assertThat(failure).isInstanceOf(ResponseCacheUnavailableException.class)
                .hasMessage("Evicting namespace 'products' was refused: the response cache store failed repeatedly"
                        + " and is skipped (its circuit breaker is open)");
        // the store hangs: an annotated write that asked it would wait for the timeout
        long started = System.nanoTime();
        given().put("/catalog/products/7").then().statusCode(204);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT);
    }

    /** Whatever a test left behind, a healthy store and a period's end close the breaker. */
    private void closedBreaker() {
        store.script(Behaviour.EMPTY, Behaviour.EMPTY);
        clock.advance(OPEN);
        assertThat(given().get("/catalog/products/" + Await.unique()).header("X-Cache")).isEqualTo("MISS");
    }
}
