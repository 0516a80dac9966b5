package io.quarkiverse.responsecache.runtime.endpoint;

import static io.quarkiverse.responsecache.runtime.TestConfig.config;
import static io.quarkiverse.responsecache.runtime.endpoint.Endpoints.endpoint;
import static io.quarkiverse.responsecache.runtime.endpoint.Endpoints.plain;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Lifetimes by status, from the response, and jitter: the global setting, then the annotation, then the endpoint's. */
class EndpointLifetimesTest {

    static final String PRODUCTS = "quarkus.response-cache.endpoint.\"Products.list\".";

    @Test
    void byDefaultEveryStatusGetsExpireAndNothingElseDecides() {
        EndpointLifetimes lifetimes = EndpointPolicy.of(endpoint("Products.list").expire(600).build(), config())
                .lifetimes();
        assertThat(lifetimes.forStatus(200)).isEqualTo(Duration.ofSeconds(600));
        assertThat(lifetimes.forStatus(404)).isEqualTo(Duration.ofSeconds(600));
        assertThat(lifetimes.lists(404)).isFalse();
        assertThat(lifetimes.fromResponse()).isFalse();
        assertThat(lifetimes.jitter()).isZero();
        assertThat(lifetimes.longest()).isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void theMostSpecificLifetimeOfAStatusWinsStatusByStatus() {
        EndpointPolicy policy = EndpointPolicy.of(
                endpoint("Products.list").expire(600).expireByStatus(404, 30).expireByStatus(410, 40).build(),
                config("quarkus.response-cache.expire-by-status.\"404\"", "10s",
                        "quarkus.response-cache.expire-by-status.\"301\"", "1d",
                        PRODUCTS + "expire-by-status.\"410\"", "50s"));
        EndpointLifetimes lifetimes = policy.lifetimes();
        assertThat(lifetimes.forStatus(404)).as("annotation over global").isEqualTo(Duration.ofSeconds(30));
        assertThat(lifetimes.forStatus(410)).as("endpoint configuration over annotation")
                .isEqualTo(Duration.ofSeconds(50));
        assertThat(lifetimes.forStatus(301)).as("global").isEqualTo(Duration.ofDays(1));
        assertThat(lifetimes.forStatus(200)).isEqualTo(Duration.ofSeconds(600));
        assertThat(lifetimes.longest()).isEqualTo(Duration.ofDays(1));
        assertThat(policy.retention()).as("a claim covers the longest lifetime").isEqualTo(Duration.ofDays(1));
        assertThat(policy.retention(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theStaleWindowsAreAddedToEachLifetimeForRetention() {
        EndpointPolicy policy = EndpointPolicy.of(endpoint("Products.list").expire(600).expireByStatus(404, 30)
                .staleWhileRevalidate(20).staleIfError(60).build(), config());
        assertThat(policy.retention(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(90));
        assertThat(policy.retention()).isEqualTo(Duration.ofSeconds(660));
    }

    @Test
    void theResponseDecidesWhenTheAnnotationOrTheEndpointsConfigurationSaysSo() {
        assertThat(EndpointPolicy.of(endpoint("Products.list").expireFromResponse().build(), config()).lifetimes()
                .fromResponse()).isTrue();
        assertThat(EndpointPolicy.of(endpoint("Products.list").expireFromResponse().build(),
                config(PRODUCTS + "expire-from-response", "false")).lifetimes().fromResponse()).isFalse();
        assertThat(EndpointPolicy.of(plain(), config(PRODUCTS + "expire-from-response", "true")).lifetimes()
                .fromResponse()).isTrue();
    }

    @Test
    void jitterIsAPercentageGloballyOrPerEndpoint() {
        assertThat(EndpointPolicy.of(plain(), config("quarkus.response-cache.expire-jitter", "10%")).lifetimes()
                .jitter()).isEqualTo(0.1);
        assertThat(EndpointPolicy.of(plain(), config("quarkus.response-cache.expire-jitter", "10%",
                PRODUCTS + "expire-jitter", "2.5 %")).lifetimes().jitter()).isEqualTo(0.025);
    }

    @Test
    void settingsNoResponseCouldHaveAreReported() {
        List<String> errors = new ArrayList<>();
        EndpointLifetimes.checkByStatus("p", Map.of(206, Duration.ofSeconds(5), 404, Duration.ZERO, 200,
                Duration.ofDays(366), 410, Duration.ofDays(365)), errors);
        EndpointLifetimes.checkJitter("j", "100%", errors);
        EndpointLifetimes.checkJitter("j", "-1%", errors);
        EndpointLifetimes.checkJitter("j", "ten%", errors);
        EndpointLifetimes.checkJitter("j", "0%", errors);
        EndpointLifetimes.checkJitter("j", "99.9%", errors);
        assertThat(errors).containsExactlyInAnyOrder(
                "p.\"206\"=PT5S names a status the cache never stores (1xx, 204, 205, 206 and 304 have no response to"
                        + " replay to another request): remove it",
                "p.\"404\"=PT0S must be longer than zero (to store no response of a status, leave it out)",
                "p.\"200\"=PT8784H is longer than a year: give it in seconds, minutes or hours (30s, 10m, 1h)",
                "j=100% must be a percentage from 0% to below 100%, e.g. 10%",
                "j=-1% must be a percentage from 0% to below 100%, e.g. 10%",
                "j=ten% must be a percentage from 0% to below 100%, e.g. 10%");
    }
}
