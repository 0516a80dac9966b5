package io.quarkiverse.responsecache.runtime.lifetime;

import static io.quarkiverse.responsecache.runtime.TestConfig.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoint;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointLifetimes;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkiverse.responsecache.runtime.endpoint.KeyRecipe;
import io.quarkiverse.responsecache.spi.ResponseCachePolicy;

/** The lifetime of a response about to be stored: by status, by what it says, by the policies, then jittered. */
class ResponseLifetimesTest {

    static final Duration EXPIRE = Duration.ofSeconds(600);

    static EndpointLifetimes lifetimes(boolean fromResponse) {
        return new EndpointLifetimes(EXPIRE, Map.of(404, Duration.ofSeconds(30)), fromResponse, 0);
    }

    @Test
    void aStatusGetsItsOwnLifetimeAndTheResponseIsNotAskedUnlessAllowed() {
        assertThat(ResponseLifetimes.proposed(lifetimes(false), 404, "max-age=5")).isEqualTo(Duration.ofSeconds(30));
        assertThat(ResponseLifetimes.proposed(lifetimes(false), 200, "max-age=0")).isEqualTo(EXPIRE);
    }

    @Test
    void sMaxAgeComesFirstThenMaxAgeAndNeitherOutlivesTheStatusesLifetime() {
        EndpointLifetimes asked = lifetimes(true);
        assertThat(ResponseLifetimes.proposed(asked, 200, "max-age=10, s-maxage=60")).isEqualTo(Duration.ofSeconds(60));
        assertThat(ResponseLifetimes.proposed(asked, 200, "max-age=10")).isEqualTo(Duration.ofSeconds(10));
        assertThat(ResponseLifetimes.proposed(asked, 200, "s-maxage=3600")).isEqualTo(EXPIRE);
        assertThat(ResponseLifetimes.proposed(asked, 404, "max-age=3600")).isEqualTo(Duration.ofSeconds(30));
        assertThat(ResponseLifetimes.proposed(asked, 200, "public")).isEqualTo(EXPIRE);
        assertThat(ResponseLifetimes.proposed(asked, 200, null)).isEqualTo(EXPIRE);
    }

    @Test
    void zeroOrAnArgumentThatIsNoNumberIsNotStored() {
        assertThat(ResponseLifetimes.proposed(lifetimes(true), 200, "max-age=0")).isNull();
        assertThat(ResponseLifetimes.proposed(lifetimes(true), 200, "s-maxage=0, max-age=60")).isNull();
        assertThat(ResponseLifetimes.proposed(lifetimes(true), 200, "max-age=later")).isNull();
    }

    @Test
    void jitterOnlyShortensByUpToItsShare() {
        assertThat(ResponseLifetimes.jittered(EXPIRE, 0.1, 0)).isEqualTo(EXPIRE);
        assertThat(ResponseLifetimes.jittered(EXPIRE, 0.1, 0.5)).isEqualTo(Duration.ofSeconds(570));
        assertThat(ResponseLifetimes.jittered(EXPIRE, 0.1, 0.999_999_999)).isGreaterThan(Duration.ofSeconds(540));
        assertThat(ResponseLifetimes.jittered(EXPIRE, 0, 0.5)).isEqualTo(EXPIRE);
    }

    @Test
    void jitterIsDrawnForEachEntry() {
        double[] draws = { 0.0, 0.25, 0.75 };
        int[] next = { 0 };
        ResponseLifetimes decider = new ResponseLifetimes(new ResponseCachePolicy[0], () -> draws[next[0]++]);
        EndpointPolicy jittered = policy("quarkus.response-cache.expire-jitter", "20%");
        List<Duration> decided = new ArrayList<>();
        for (int i = 0; i < draws.length; i++) {
            decided.add(decider.of(jittered, 200, List.of(), "body"));
        }
        assertThat(decided).containsExactly(EXPIRE, Duration.ofSeconds(570), Duration.ofSeconds(510));
    }

    @Test
    void policiesMayRefuseOrShortenButNeverLengthen() {
        EndpointPolicy endpoint = policy();
        ResponseCachePolicy refusesEmpty = response -> "".equals(response.entity()) ? Duration.ZERO
                : response.lifetime();
        ResponseCachePolicy shortensNotFound = response -> response.status() == 404 ? Duration.ofSeconds(5)
                : Duration.ofDays(1);
        ResponseLifetimes decider = new ResponseLifetimes(
                new ResponseCachePolicy[] { refusesEmpty, shortensNotFound }, () -> 0);
        assertThat(decider.of(endpoint, 200, List.of(), "")).isNull();
        assertThat(decider.of(endpoint, 404, List.of(), "none")).isEqualTo(Duration.ofSeconds(5));
        assertThat(decider.of(endpoint, 200, List.of(), "a")).as("a longer answer is cut").isEqualTo(EXPIRE);
    }

    @Test
    void aPolicySeesTheEndpointTheStatusTheHeadersTheEntityAndTheLifetime() {
        List<String> seen = new ArrayList<>();
        ResponseCachePolicy recording = response -> {
            seen.add(response.endpoint() + " " + response.resourceMethod() + " " + response.status() + " "
                    + response.header("x-tenant") + " " + response.header("absent") + " " + response.entity() + " "
                    + response.lifetime());
            return response.lifetime();
        };
        new ResponseLifetimes(new ResponseCachePolicy[] { recording }, () -> 0)
                .of(policy(), 404, List.of(Map.entry("X-Tenant", "acme")), "entity");
        assertThat(seen).containsExactly("Products.list org.acme.Products#list 404 acme null entity PT30S");
    }

    @Test
    void aPolicyThatFailsOrAnswersNullStoresNothing() {
        ResponseCachePolicy throwing = response -> {
            throw new IllegalStateException("bug");
        };
        assertThat(new ResponseLifetimes(new ResponseCachePolicy[] { throwing }, () -> 0).of(policy(), 200,
                List.of(), "a")).isNull();
        assertThat(new ResponseLifetimes(new ResponseCachePolicy[] { response -> null }, () -> 0).of(policy(), 200,
                List.of(), "a")).isNull();
    }

    static EndpointPolicy policy(String... properties) {
        CachedEndpoint endpoint = new CachedEndpoint("org.acme.Products#list", "Products.list", "", List.of(), 600,
                List.of(), List.of(), false, false, -1, -1, KeyRecipe.named(List.of(), List.of()), false,
                Map.of(404, 30L), false);
        return EndpointPolicy.of(endpoint, config(properties));
    }
}
