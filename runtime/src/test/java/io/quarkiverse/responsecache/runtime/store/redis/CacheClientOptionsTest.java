package io.quarkiverse.responsecache.runtime.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

/** The URI of one master of a cluster keeps the scheme and credentials of the configured hosts. */
class CacheClientOptionsTest {

    @Test
    void theNodeUriKeepsSchemeUserPasswordAndQuery() {
        URI node = CacheClientOptions.nodeUri(URI.create("rediss://app:p%40ss@seed.example:7000/0?client=orders"),
                "10.0.0.2", 7001);

        assertThat(node).hasToString("rediss://app:p%40ss@10.0.0.2:7001?client=orders");
        assertThat(node.getUserInfo()).isEqualTo("app:p@ss");
    }

    @Test
    void aTemplateWithoutCredentialsGivesANodeWithout() {
        assertThat(CacheClientOptions.nodeUri(URI.create("redis://seed:7000"), "127.0.0.1", 7002))
                .hasToString("redis://127.0.0.1:7002");
    }

    @Test
    void anIpv6AddressIsBracketed() {
        URI node = CacheClientOptions.nodeUri(URI.create("redis://seed:7000"), "::1", 7002);

        assertThat(node).hasToString("redis://[::1]:7002");
        assertThat(node.getPort()).isEqualTo(7002);
    }
}
