package io.quarkiverse.responsecache.runtime.entry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.runtime.endpoint.EndpointLifetimes;

/** An entry read back is admitted by the lifetime its endpoint gives its status, never a longer one. */
class EntryRulesTest {

    static final long NOW = 1_800_000_000_000L;
    static final EntryRules RULES = new EntryRules(Set.of(200), name -> false);
    /** {@code expire = 600}, 404s kept 30 s. */
    static final EndpointLifetimes LIFETIMES = new EndpointLifetimes(Duration.ofSeconds(600),
            Map.of(404, Duration.ofSeconds(30)), false, 0);

    static CachedResponse entry(int status, long freshForMillis) {
        return new CachedResponse(status, NOW + freshForMillis, NOW, "\"e\"", List.of(), new byte[0]);
    }

    @Test
    void aStatusListedForTheEndpointIsCacheableThereOnly() {
        assertThat(RULES.cacheableStatus(404, LIFETIMES)).isTrue();
        assertThat(RULES.cacheableStatus(404)).isFalse();
        assertThat(RULES.cacheableStatus(410, LIFETIMES)).isFalse();
        assertThat(RULES.cacheableStatus(200, LIFETIMES)).isTrue();
        EndpointLifetimes listsNeverStored = new EndpointLifetimes(Duration.ofSeconds(600),
                Map.of(304, Duration.ofSeconds(30)), false, 0);
        assertThat(RULES.cacheableStatus(304, listsNeverStored)).isFalse();
    }

    @Test
    void anEntryWithinItsStatusesLifetimeIsAdmittedAsItIs() {
        CachedResponse notFound = entry(404, 30_000);
        assertThat(RULES.admit(notFound, LIFETIMES, NOW)).isSameAs(notFound);
        CachedResponse shortened = entry(200, 60_000);
        assertThat(RULES.admit(shortened, LIFETIMES, NOW)).as("a response-driven or jittered lifetime")
                .isSameAs(shortened);
        assertThat(RULES.admit(entry(200, 600_000), LIFETIMES, NOW)).isNotNull();
    }

    @Test
    void aLongerExpiryThanItsStatusGetsIsForgedUnlessItIsClockSkew() {
        assertThat(RULES.admit(entry(404, 600_000), LIFETIMES, NOW)).as("a 404 that claims the 200s' lifetime")
                .isNull();
        CachedResponse skewed = RULES.admit(entry(404, 32_000), LIFETIMES, NOW);
        assertThat(skewed.expiresAtMillis()).isEqualTo(NOW + 30_000);
        assertThat(skewed.storedAtMillis()).isEqualTo(NOW);
        assertThat(RULES.admit(entry(200, 606_000), LIFETIMES, NOW)).isNull();
    }

    @Test
    void aStatusTheEndpointDoesNotListIsNotAdmitted() {
        assertThat(RULES.admit(entry(410, 10_000), LIFETIMES, NOW)).isNull();
    }
}
