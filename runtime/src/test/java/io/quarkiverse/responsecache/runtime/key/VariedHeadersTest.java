package io.quarkiverse.responsecache.runtime.key;

import static io.quarkiverse.responsecache.runtime.TestConfig.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoint;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;

/** What an endpoint's own {@code Vary} makes its keys hold, and when a computed response may answer another request. */
class VariedHeadersTest {

    static EndpointPolicy policy(String id, List<String> varyHeaders, boolean negotiates) {
        return EndpointPolicy.of(new CachedEndpoint(id, id, "", List.of(), 60, varyHeaders, List.of(), negotiates,
                false, -1, -1), config());
    }

    final VariedHeaders varied = new VariedHeaders();

    @Test
    void headersNamedByTheResponseAreLearnedLowerCaseAndKept() {
        EndpointPolicy policy = policy("a#device", List.of(), false);
        assertThat(varied.of("a#device")).isEmpty();
        assertThat(varied.learn(policy, List.of("X-Device, Origin"))).containsExactlyInAnyOrder("x-device", "origin");
        assertThat(varied.learn(policy, List.of("x-device"))).containsExactlyInAnyOrder("x-device", "origin");
        assertThat(varied.of("a#device")).containsExactlyInAnyOrder("x-device", "origin");
        assertThat(varied.of("a#other")).isEmpty();
    }

    @Test
    void headersAlreadyInTheKeyAreNotLearned() {
        EndpointPolicy policy = policy("a#language", List.of("Accept-Language"), true);
        assertThat(varied.learn(policy, List.of("Accept", "accept-language"))).isEmpty();
        assertThat(varied.of("a#language")).isEmpty();
    }

    @Test
    void varyStarIsNeverStored() {
        EndpointPolicy policy = policy("a#star", List.of(), false);
        assertThat(varied.learn(policy, List.of("X-Device", " * "))).isNull();
        assertThat(VariedHeaders.covers(policy, Set.of("x-device"), List.of("*"))).isFalse();
    }

    @Test
    void tooManyVariedHeadersAreNotStoredAndNotLearned() {
        EndpointPolicy policy = policy("a#many", List.of(), false);
        List<String> names = new ArrayList<>();
        for (int i = 0; i <= VariedHeaders.MAX_PER_ENDPOINT; i++) {
            names.add("X-H" + i);
        }
        assertThat(varied.learn(policy, List.of(String.join(",", names)))).isNull();
        assertThat(varied.of("a#many")).isEmpty();
    }

    @Test
    void aComputedResponseAnswersOnlyARequestWhoseKeyHeldEveryVariedHeader() {
        EndpointPolicy policy = policy("a#cover", List.of("Accept-Language"), true);
        assertThat(VariedHeaders.covers(policy, Set.of(), List.of("Accept, Accept-Language"))).isTrue();
        assertThat(VariedHeaders.covers(policy, Set.of(), List.of("X-Device"))).isFalse();
        assertThat(VariedHeaders.covers(policy, Set.of("x-device"), List.of("X-Device", "accept"))).isTrue();
        assertThat(VariedHeaders.covers(policy, Set.of(), List.of(" , "))).isTrue();
    }
}
