package io.quarkiverse.responsecache.runtime.endpoint;

import static io.quarkiverse.responsecache.runtime.TestConfig.config;
import static io.quarkiverse.responsecache.runtime.endpoint.Endpoints.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.runtime.LogCapture;
import io.quarkus.runtime.configuration.ConfigurationException;

/** The endpoint table, resolved once at startup, and the checks of the per-endpoint settings. */
class CachedEndpointsTest {

    static final CachedEndpoint LIST = endpoint("Products.list").expire(30).build();
    static final CachedEndpoint GET = endpoint("Products.get").tags("product:{id}").build();

    @Test
    void everyEndpointGetsItsPolicyById() {
        CachedEndpoints endpoints = CachedEndpoints.resolve(List.of(LIST, GET), config(
                "quarkus.response-cache.endpoint.\"Products.get\".expire", "2m"));
        assertThat(endpoints.policy(LIST.id()).endpoint()).isSameAs(LIST);
        assertThat(endpoints.policy(LIST.id()).expire()).isEqualTo(Duration.ofSeconds(30));
        assertThat(endpoints.policy(GET.id()).endpoint()).isSameAs(GET);
        assertThat(endpoints.policy(GET.id()).expire()).isEqualTo(Duration.ofMinutes(2));
        assertThat(endpoints.all()).extracting(EndpointPolicy::endpoint).containsExactlyInAnyOrder(LIST, GET);
    }

    @Test
    void anEndpointTheBuildDidNotRecordIsAnError() {
        CachedEndpoints endpoints = CachedEndpoints.resolve(List.of(LIST), config());
        assertThatThrownBy(() -> endpoints.policy("org.acme.Other#get"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("org.acme.Other#get");
    }

    @Test
    void noEndpointsIsAnEmptyTable() {
        assertThat(CachedEndpoints.resolve(List.of(), config()).all()).isEmpty();
    }

    @Test
    void settingsForAnUnknownNameAreLoggedAndChangeNothing() {
        try (LogCapture log = LogCapture.of(CachedEndpoints.class)) {
            CachedEndpoints endpoints = CachedEndpoints.resolve(List.of(LIST, GET), config(
                    "quarkus.response-cache.endpoint.\"Products.lst\".expire", "1s"));
            assertThat(endpoints.policy(LIST.id()).expire()).isEqualTo(Duration.ofSeconds(30));
            assertThat(log.warnings()).containsExactly("quarkus.response-cache.endpoint.\"Products.lst\".* names no"
                    + " cached endpoint, so it changes nothing; the cached endpoints are [Products.get, Products.list]");
        }
    }

    @Test
    void settingsForKnownNamesAreNotLogged() {
        try (LogCapture log = LogCapture.of(CachedEndpoints.class)) {
            CachedEndpoints.resolve(List.of(LIST, GET), config(
                    "quarkus.response-cache.endpoint.\"Products.list\".expire", "1s",
                    "quarkus.response-cache.endpoint.\"Products.get\".enabled", "false"));
            assertThat(log.warnings()).isEmpty();
        }
    }

    @Test
    void everyInvalidDurationIsNamedInOneError() {
        assertThatThrownBy(() -> CachedEndpoints.resolve(List.of(LIST, GET), config(
                "quarkus.response-cache.endpoint.\"Products.list\".expire", "0s",
                "quarkus.response-cache.endpoint.\"Products.list\".stale-while-revalidate", "-1s",
                "quarkus.response-cache.endpoint.\"Products.get\".expire", "-5s",
                "quarkus.response-cache.endpoint.\"Products.get\".stale-if-error", "-2s",
                "quarkus.response-cache.endpoint.\"Products.gone\".stale-if-error", "-3s")))
                .isInstanceOf(ConfigurationException.class)
                .message()
                .contains("quarkus.response-cache.endpoint.\"Products.list\".expire=PT0S must be longer than zero")
                .contains("quarkus.response-cache.endpoint.\"Products.list\".stale-while-revalidate=PT-1S must not be"
                        + " negative (0 turns it off)")
                .contains("quarkus.response-cache.endpoint.\"Products.get\".expire=PT-5S must be longer than zero")
                .contains("quarkus.response-cache.endpoint.\"Products.get\".stale-if-error=PT-2S must not be negative")
                .contains("quarkus.response-cache.endpoint.\"Products.gone\".stale-if-error=PT-3S must not be negative")
                .doesNotContain("Products.get\".stale-while-revalidate")
                .satisfies(message -> assertThat(message.split("; ")).hasSize(5));
    }

    @Test
    void zeroStaleWindowsAndTheShortestExpiryAreValid() {
        CachedEndpoints endpoints = CachedEndpoints.resolve(List.of(LIST), config(
                "quarkus.response-cache.endpoint.\"Products.list\".expire", "1ms",
                "quarkus.response-cache.endpoint.\"Products.list\".stale-while-revalidate", "0s",
                "quarkus.response-cache.endpoint.\"Products.list\".stale-if-error", "0s"));
        assertThat(endpoints.policy(LIST.id()).expire()).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void aNegativeStaleWindowAloneFailsToo() {
        assertThatThrownBy(() -> CachedEndpoints.resolve(List.of(LIST), config(
                "quarkus.response-cache.endpoint.\"Products.list\".stale-if-error", "-1s")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("quarkus.response-cache.endpoint.\"Products.list\".stale-if-error=PT-1S must not be negative"
                        + " (0 turns it off)");
    }
}
