package io.quarkiverse.responsecache.test.lifetime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.test.runtime.ManualClock;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * The response decides its lifetime when asked to: a status listed with a lifetime of its own is stored for that long,
 * an endpoint's own {@code s-maxage} or {@code max-age} sets its entry's lifetime up to {@code expire}, a policy bean
 * refuses what it names, and jitter spreads expiries. Hits say the entry's own {@code max-age} and {@code Age}. Time
 * moves by the {@link ManualClock}.
 */
abstract class LifetimesContract {

    static QuarkusUnitTest configure(QuarkusUnitTest app) {
        return app
                .overrideConfigKey("quarkus.response-cache.endpoint.\"LifetimeResource.gone\".expire-by-status.\"410\"",
                        "20s")
                .overrideConfigKey("quarkus.response-cache.endpoint.\"LifetimeResource.jittered\".expire-jitter", "50%")
                .withApplicationRoot(root -> root.addClasses(LifetimeResource.class, NoSecretsPolicy.class,
                        LifetimesContract.class, Await.class, ManualClock.class));
    }

    @Inject
    ManualClock clock;

    /** @return the response of a request that missed, ran the endpoint and was stored */
    static Response storedMiss(String path) {
        Response miss = given().get(path);
        assertThat(miss.header("X-Cache")).as(path).isEqualTo("MISS");
        assertThat(miss.header("Cache-Status")).as(path).contains("; stored");
        return miss;
    }

    /** Two requests, both running the endpoint: nothing was stored. */
    static void neverStored(String path) {
        for (int i = 0; i < 2; i++) {
            Response miss = given().get(path);
            assertThat(miss.header("X-Cache")).as(path).isEqualTo("MISS");
            assertThat(miss.header("Cache-Status")).as(path).doesNotContain("stored");
        }
    }

    @Test
    void aListed404IsAHitUntilItsOwnLifetimeEnds() {
        String id = "missing-" + Await.unique();
        String path = "/lifetimes/items/" + id;
        Response miss = storedMiss(path);
        assertThat(miss.statusCode()).isEqualTo(404);
        assertThat(miss.header("Cache-Control")).isEqualTo("max-age=30");
        Await.cachedBody(path, id + "-1");

        clock.advance(Duration.ofSeconds(10));
        Response hit = given().get(path);
        assertThat(hit.statusCode()).isEqualTo(404);
        assertThat(hit.header("X-Cache")).isEqualTo("HIT");
        assertThat(hit.header("Cache-Control")).isEqualTo("max-age=20");
        assertThat(hit.header("Age")).isEqualTo("10");

        clock.advance(Duration.ofSeconds(21));
        assertThat(storedMiss(path).asString()).isEqualTo(id + "-2");
        assertThat(LifetimeResource.invocations(id)).isEqualTo(2);
    }

    @Test
    void theSameEndpointsOtherStatusesKeepItsExpire() {
        String id = "found-" + Await.unique();
        String path = "/lifetimes/items/" + id;
        assertThat(storedMiss(path).header("Cache-Control")).isEqualTo("max-age=600");
        Await.cachedBody(path, id + "-1");
        clock.advance(Duration.ofSeconds(31));
        Response hit = given().get(path);
        assertThat(hit.header("X-Cache")).isEqualTo("HIT");
        assertThat(hit.header("Cache-Control")).isEqualTo("max-age=569");
        assertThat(hit.header("Age")).isEqualTo("31");
    }

    @Test
    void a404ThatItsEndpointDoesNotListIsNotStored() {
        neverStored("/lifetimes/unlisted/" + Await.unique());
    }

    @Test
    void aStatusListedByTheEndpointsConfigurationIsStoredForItsLifetime() {
        String id = Await.unique();
        String path = "/lifetimes/gone/" + id;
        assertThat(storedMiss(path).header("Cache-Control")).isEqualTo("max-age=20");
        Await.cachedBody(path, id + "-1");
        clock.advance(Duration.ofSeconds(21));
        assertThat(storedMiss(path).asString()).isEqualTo(id + "-2");
    }

    @Test
    void anSMaxAgeShorterThanExpireSetsTheLifetimeBeforeMaxAge() {
        String id = Await.unique();
        String path = "/lifetimes/own/" + id + "?maxage=10&smaxage=60";
        assertThat(storedMiss(path).header("Cache-Control")).isEqualTo("max-age=60");
        Await.cachedBody(path, id + "-1");

        clock.advance(Duration.ofSeconds(20));
        Response hit = given().get(path);
        assertThat(hit.header("X-Cache")).isEqualTo("HIT");
        assertThat(hit.header("Cache-Control")).isEqualTo("max-age=40");
        assertThat(hit.header("Age")).as("seconds since it was stored, not since 600 s before its expiry")
                .isEqualTo("20");

        clock.advance(Duration.ofSeconds(41));
        assertThat(storedMiss(path).asString()).isEqualTo(id + "-2");
    }

    @Test
    void aMaxAgeAloneSetsTheLifetime() {
        String id = Await.unique();
        String path = "/lifetimes/own/" + id + "?maxage=45";
        assertThat(storedMiss(path).header("Cache-Control")).isEqualTo("max-age=45");
        Await.cachedBody(path, id + "-1");
        clock.advance(Duration.ofSeconds(46));
        assertThat(storedMiss(path).asString()).isEqualTo(id + "-2");
    }

    @Test
    void aLongerOneIsCappedByExpire() {
        String id = Await.unique();
        String path = "/lifetimes/own/" + id + "?smaxage=86400";
        assertThat(storedMiss(path).header("Cache-Control")).isEqualTo("max-age=600");
        Await.cachedBody(path, id + "-1");
        clock.advance(Duration.ofSeconds(601));
        assertThat(storedMiss(path).asString()).isEqualTo(id + "-2");
    }

    @Test
    void withoutDirectivesTheEndpointsExpireApplies() {
        String path = "/lifetimes/own/" + Await.unique();
        assertThat(storedMiss(path).header("Cache-Control")).isEqualTo("max-age=600");
    }

    @Test
    void maxAgeZeroIsNotStored() {
        neverStored("/lifetimes/own/" + Await.unique() + "?maxage=0");
        neverStored("/lifetimes/own/" + Await.unique() + "?maxage=60&smaxage=0");
    }

    @Test
    void aResponsesMaxAgeIsIgnoredUnlessTheEndpointLetsItDecide() {
        String path = "/lifetimes/ignored/" + Await.unique();
        assertThat(storedMiss(path).header("Cache-Control")).isEqualTo("max-age=600");
    }

    @Test
    void thePolicyRefusesAResponseItNamesAndOthersAreStored() {
        String secret = "secret-" + Await.unique();
        neverStored("/lifetimes/policed/" + secret);
        assertThat(LifetimeResource.invocations(secret)).isEqualTo(2);

        String open = "open-" + Await.unique();
        assertThat(storedMiss("/lifetimes/policed/" + open).header("Cache-Control")).isEqualTo("max-age=600");
        Await.cachedBody("/lifetimes/policed/" + open, open + "-1");
    }

    @Test
    void thePolicyMayShortenALifetime() {
        String id = "brief-" + Await.unique();
        String path = "/lifetimes/policed/" + id;
        assertThat(storedMiss(path).header("Cache-Control")).isEqualTo("max-age=5");
        Await.cachedBody(path, id + "-1");
        clock.advance(Duration.ofSeconds(6));
        assertThat(storedMiss(path).asString()).isEqualTo(id + "-2");
    }

    @Test
    void aFailingPolicyServesTheResponseWithoutStoringIt() {
        String id = Await.unique();
        String path = "/lifetimes/policy-fails/" + id;
        neverStored(path);
        assertThat(given().get(path).asString()).isEqualTo(id + "-3");
    }

    /**
     * Twenty entries stored at the same instant live between 300 and 600 s (a jitter of 50% of 600 s), not all as
     * long; each expires at its own time, and its hits say so.
     */
    @Test
    void jitterSpreadsExpiriesOfEntriesStoredTogetherWithinTheirBounds() {
        List<String> paths = new ArrayList<>();
        List<Long> maxAges = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = Await.unique();
            String path = "/lifetimes/jittered/" + id;
            paths.add(path);
            maxAges.add(maxAge(storedMiss(path)));
            Await.cachedBody(path, id + "-1");
        }
        assertThat(maxAges).allSatisfy(maxAge -> assertThat(maxAge).isBetween(300L, 600L));
        assertThat(new HashSet<>(maxAges)).as("spread, not one expiry").hasSizeGreaterThan(5);

        long shortest = maxAges.stream().mapToLong(Long::longValue).min().orElseThrow();
        clock.advance(Duration.ofSeconds(shortest));
        for (int i = 0; i < paths.size(); i++) {
            Response response = given().get(paths.get(i));
            if (maxAges.get(i) == shortest) {
                assertThat(response.header("X-Cache")).as("past its own lifetime").isEqualTo("MISS");
            } else if (maxAges.get(i) > shortest + 1) {
                assertThat(response.header("X-Cache")).as("within its own lifetime").isEqualTo("HIT");
                assertThat(response.header("Age")).isEqualTo(Long.toString(shortest));
                assertThat(maxAge(response)).isBetween(maxAges.get(i) - shortest - 1, maxAges.get(i) - shortest);
            }
        }
    }

    static long maxAge(Response response) {
        String cacheControl = response.header("Cache-Control");
        assertThat(cacheControl).startsWith("max-age=");
        return Long.parseLong(cacheControl.substring("max-age=".length()));
    }
}
