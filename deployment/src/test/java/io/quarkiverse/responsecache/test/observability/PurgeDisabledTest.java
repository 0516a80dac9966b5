package io.quarkiverse.responsecache.test.observability;

import static io.restassured.RestAssured.given;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Without {@code quarkus.response-cache.management.enabled} the operator endpoints do not exist, neither on the
 * management interface nor on the application's port, and a cached entry survives every attempt.
 */
class PurgeDisabledTest {

    /** A free port of its own: the default 9001 may be taken by another build on the machine. */
    static final int MANAGEMENT_PORT = RedisServerProcess.freePort();

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("purge-disabled-test")
            .overrideConfigKey("quarkus.management.enabled", "true")
            .overrideConfigKey("quarkus.management.test-port", Integer.toString(MANAGEMENT_PORT))
            .withApplicationRoot(root -> root.addClasses(ItemResource.class, Await.class));

    @Test
    void purgeIsRefusedWhenNotEnabled() {
        String id = Await.unique();
        String body = given().get("/items/" + id).asString();
        Await.cachedBody("/items/" + id, body);

        int managementPort = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        for (String path : new String[] { "/q/response-cache/evict?all=true", "/q/response-cache/soft-purge?all=true",
                "/q/response-cache/evict?url=/items/" + id }) {
            given().port(managementPort).post(path).then().statusCode(404);
            given().post(path).then().statusCode(404);
        }
        given().get("/items/" + id).then().header("X-Cache", "HIT");
    }
}
