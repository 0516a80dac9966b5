package io.quarkiverse.responsecache.runtime.endpoint;

import static io.quarkiverse.responsecache.runtime.TestConfig.config;
import static io.quarkiverse.responsecache.runtime.endpoint.Endpoints.endpoint;
import static io.quarkiverse.responsecache.runtime.endpoint.Endpoints.plain;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;

/** The annotation's settings, completed by the configured defaults and overridden by the per-endpoint settings. */
class EndpointPolicyTest {

    static final String PRODUCTS = "quarkus.response-cache.endpoint.\"Products.list\".";

    @Test
    void anAnnotationWithoutSettingsTakesTheConfiguredDefaults() {
        EndpointPolicy policy = EndpointPolicy.of(plain(), config());
        assertThat(policy.enabled()).isTrue();
        assertThat(policy.expire()).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.staleWhileRevalidate()).isZero();
        assertThat(policy.staleIfError()).isZero();

        EndpointPolicy configured = EndpointPolicy.of(plain(), config(
                "quarkus.response-cache.default-expire", "5m",
                "quarkus.response-cache.stale-while-revalidate", "30s",
                "quarkus.response-cache.stale-if-error", "1h"));
        assertThat(configured.expire()).isEqualTo(Duration.ofMinutes(5));
        assertThat(configured.staleWhileRevalidate()).isEqualTo(Duration.ofSeconds(30));
        assertThat(configured.staleIfError()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theAnnotationWinsOverTheConfiguredDefaults() {
        ResponseCacheConfig defaults = config(
                "quarkus.response-cache.default-expire", "5m",
                "quarkus.response-cache.stale-while-revalidate", "30s",
                "quarkus.response-cache.stale-if-error", "1h");
        EndpointPolicy policy = EndpointPolicy.of(
                endpoint("Products.list").expire(1).staleWhileRevalidate(2).staleIfError(3).build(), defaults);
        assertThat(policy.expire()).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.staleWhileRevalidate()).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.staleIfError()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void zeroStaleWindowsInTheAnnotationTurnThemOffDespiteTheDefaults() {
        EndpointPolicy policy = EndpointPolicy.of(endpoint("Products.list").staleWhileRevalidate(0).staleIfError(0)
                .build(),
                config(
                        "quarkus.response-cache.stale-while-revalidate", "30s",
                        "quarkus.response-cache.stale-if-error", "1h"));
        assertThat(policy.staleWhileRevalidate()).isZero();
        assertThat(policy.staleIfError()).isZero();
    }

    @Test
    void perEndpointSettingsWinOverTheAnnotation() {
        EndpointPolicy policy = EndpointPolicy.of(
                endpoint("Products.list").expire(1).staleWhileRevalidate(2).staleIfError(3).build(), config(
                        PRODUCTS + "expire", "10m",
                        PRODUCTS + "stale-while-revalidate", "20s",
                        PRODUCTS + "stale-if-error", "0s"));
        assertThat(policy.enabled()).isTrue();
        assertThat(policy.expire()).isEqualTo(Duration.ofMinutes(10));
        assertThat(policy.staleWhileRevalidate()).isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.staleIfError()).isZero();
    }

    @Test
    void aPerEndpointSettingLeavesTheOthersToTheAnnotationAndTheDefaults() {
        EndpointPolicy policy = EndpointPolicy.of(endpoint("Products.list").staleIfError(3).build(), config(
                "quarkus.response-cache.stale-while-revalidate", "30s",
                PRODUCTS + "expire", "10m"));
        assertThat(policy.expire()).isEqualTo(Duration.ofMinutes(10));
        assertThat(policy.staleWhileRevalidate()).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.staleIfError()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void anEndpointCanBeTurnedOffByName() {
        assertThat(EndpointPolicy.of(plain(), config(PRODUCTS + "enabled", "false")).enabled()).isFalse();
        assertThat(EndpointPolicy.of(plain(), config(PRODUCTS + "enabled", "true")).enabled()).isTrue();
        assertThat(EndpointPolicy.of(plain(), config(PRODUCTS + "expire", "1s")).enabled()).isTrue();
    }

    @Test
    void settingsOfAnotherEndpointDoNotApply() {
        EndpointPolicy policy = EndpointPolicy.of(endpoint("Products.list").expire(7).build(), config(
                "quarkus.response-cache.endpoint.\"Products.get\".expire", "10m",
                "quarkus.response-cache.endpoint.\"Products.get\".enabled", "false"));
        assertThat(policy.enabled()).isTrue();
        assertThat(policy.expire()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void varyHeadersAreMatchedInLowerCaseAndAnnouncedAsDeclared() {
        EndpointPolicy policy = EndpointPolicy.of(endpoint("Products.list")
                .varyHeaders("Accept-Language", "X-Tenant").build(), config());
        assertThat(policy.varyHeaders()).containsExactly("accept-language", "x-tenant");
        assertThat(policy.vary()).isEqualTo("Accept-Language, X-Tenant");
    }

    @Test
    void aNegotiatedMediaTypeAddsAcceptToVaryOnce() {
        assertThat(EndpointPolicy.of(endpoint("Products.list").negotiatesMediaType().build(), config()).vary())
                .isEqualTo("Accept");
        assertThat(EndpointPolicy.of(endpoint("Products.list").negotiatesMediaType()
                .varyHeaders("Accept-Language").build(), config()).vary())
                .isEqualTo("Accept, Accept-Language");
        assertThat(EndpointPolicy.of(endpoint("Products.list").negotiatesMediaType()
                .varyHeaders("accept", "Accept-Language", "ACCEPT").build(), config()).vary())
                .isEqualTo("Accept, Accept-Language");
        assertThat(EndpointPolicy.of(endpoint("Products.list").varyHeaders("Accept").build(), config()).vary())
                .as("without negotiation, a declared Accept is an ordinary vary header")
                .isEqualTo("Accept");
        assertThat(EndpointPolicy.of(endpoint("Products.list").varyHeaders("Accept-Language", "Accept").build(),
                config()).vary()).isEqualTo("Accept-Language, Accept");
    }

    @Test
    void noVaryHeaderAndNoNegotiationMeanNoVary() {
        EndpointPolicy policy = EndpointPolicy.of(plain(), config());
        assertThat(policy.vary()).isNull();
        assertThat(policy.varyHeaders()).isEmpty();
    }

    @Test
    void noDeclaredQueryParameterMeansAllOfThem() {
        assertThat(EndpointPolicy.of(plain(), config()).queryParameters()).isNull();
        assertThat(EndpointPolicy.of(endpoint("Products.list").queryParameters("page", "sort", "page").build(),
                config()).queryParameters()).containsExactlyInAnyOrder("page", "sort");
    }

    @Test
    void tagsAreParsedOnce() {
        EndpointPolicy policy = EndpointPolicy.of(endpoint("Products.get").tags("products", "product:{id}").build(),
                config());
        assertThat(policy.tags()).extracting(TagTemplate::parameters).containsExactly(List.of(), List.of("id"));
        assertThat(EndpointPolicy.of(plain(), config()).renderTags(null)).isEmpty();
    }

    @Test
    void anEntryIsKeptForItsFreshnessAndItsLongestStaleWindow() {
        assertThat(retention(60, 0, 0)).isEqualTo(Duration.ofSeconds(60));
        assertThat(retention(60, 30, 0)).isEqualTo(Duration.ofSeconds(90));
        assertThat(retention(60, 0, 600)).isEqualTo(Duration.ofSeconds(660));
        assertThat(retention(60, 30, 10)).isEqualTo(Duration.ofSeconds(90));
        assertThat(retention(60, 10, 30)).isEqualTo(Duration.ofSeconds(90));
        assertThat(retention(60, 20, 20)).isEqualTo(Duration.ofSeconds(80));
    }

    private static Duration retention(long expire, long staleWhileRevalidate, long staleIfError) {
        return EndpointPolicy.of(endpoint("Products.list").expire(expire).staleWhileRevalidate(staleWhileRevalidate)
                .staleIfError(staleIfError).build(), config()).retention();
    }

    @Test
    void cacheControlSaysTheFreshnessLeftAndTheStaleWindows() {
        assertThat(EndpointPolicy.of(plain(), config()).cacheControl(42)).isEqualTo("max-age=42");
        assertThat(EndpointPolicy.of(plain(), config()).cacheControl(0)).isEqualTo("max-age=0");
        assertThat(EndpointPolicy.of(endpoint("Products.list").staleWhileRevalidate(30).build(), config())
                .cacheControl(42)).isEqualTo("max-age=42, stale-while-revalidate=30");
        assertThat(EndpointPolicy.of(endpoint("Products.list").staleIfError(600).build(), config())
                .cacheControl(42)).isEqualTo("max-age=42, stale-if-error=600");
        assertThat(EndpointPolicy.of(endpoint("Products.list").staleWhileRevalidate(30).staleIfError(600).build(),
                config()).cacheControl(42)).isEqualTo("max-age=42, stale-while-revalidate=30, stale-if-error=600");
    }

    @Test
    void cacheControlOfAPrivateEntrySaysPrivate() {
        EndpointPolicy policy = EndpointPolicy.of(endpoint("Account.get").keyByPrincipal().staleIfError(5).build(),
                config());
        assertThat(policy.keyByPrincipal()).isTrue();
        assertThat(policy.cacheControl(7)).isEqualTo("private, max-age=7, stale-if-error=5");
        assertThat(EndpointPolicy.of(plain(), config()).keyByPrincipal()).isFalse();
    }

    @Test
    void cacheControlCountsConfiguredWindowsInWholeSeconds() {
        EndpointPolicy policy = EndpointPolicy.of(plain(), config(
                "quarkus.response-cache.stale-while-revalidate", "1500ms",
                "quarkus.response-cache.stale-if-error", "2m"));
        assertThat(policy.cacheControl(1)).isEqualTo("max-age=1, stale-while-revalidate=1, stale-if-error=120");
    }
}
