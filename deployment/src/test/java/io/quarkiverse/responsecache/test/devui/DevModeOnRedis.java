package io.quarkiverse.responsecache.test.devui;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.quarkiverse.responsecache.test.observability.ItemResource;
import io.quarkiverse.responsecache.testing.LocalRedis;
import io.quarkus.devui.tests.DevUIJsonRPCTest;
import io.quarkus.test.QuarkusDevModeTest;
import io.restassured.RestAssured;

/**
 * What the Dev UI tests share: {@link ItemResource} in dev mode on a real Redis, on a port of its own (dev mode listens
 * on 8080 unless told otherwise, which another build on the machine may hold), and the card's JSON-RPC service.
 */
abstract class DevModeOnRedis extends DevUIJsonRPCTest {

    private final int port;

    DevModeOnRedis(int port) {
        super("io.quarkiverse.responsecache.quarkus-response-cache", "http://localhost:" + port);
        this.port = port;
    }

    /** @param prefix the keys' prefix, so that tests sharing one Redis see only their own entries */
    static QuarkusDevModeTest app(int port, String prefix) {
        return app(port, prefix, "");
    }

    /** @param properties more lines of {@code application.properties} */
    static QuarkusDevModeTest app(int port, String prefix, String properties) {
        return new QuarkusDevModeTest()
                .withApplicationRoot(root -> root.addClasses(ItemResource.class)
                        .addAsResource(new StringAsset("quarkus.redis.hosts=" + LocalRedis.url().orElseThrow() + "\n"
                                + "quarkus.http.port=" + port + "\n"
                                + "quarkus.response-cache.prefix=" + prefix + "\n"
                                + "quarkus.response-cache.lookup-timeout=5s\n"
                                + "quarkus.response-cache.write-timeout=5s\n" + properties), "application.properties"));
    }

    @BeforeEach
    void port() {
        RestAssured.port = port;
    }

    @AfterEach
    void defaultPort() {
        RestAssured.port = RestAssured.DEFAULT_PORT;
    }
}
