package io.quarkiverse.responsecache.test.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Without the management interface, the purge endpoints are on the application's port under {@code /q}: the
 * Observability guide's HTTP permission protects them there, and the startup says nothing since one covers them.
 */
class PurgeOnMainPortTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("purge-main-port-test")
            .overrideConfigKey("quarkus.response-cache.management.enabled", "true")
            .overrideConfigKey("quarkus.http.auth.basic", "true")
            .overrideConfigKey("quarkus.http.auth.permission.purge.paths", "/q/response-cache/*")
            .overrideConfigKey("quarkus.http.auth.permission.purge.policy", "cache-operator")
            .overrideConfigKey("quarkus.http.auth.policy.cache-operator.roles-allowed", "cache-operator")
            .withApplicationRoot(root -> root.addClasses(ItemResource.class, Await.class,
                    OperatorIdentityProvider.class))
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.quarkiverse.responsecache"))
            .assertLogRecords(records -> assertThat(records)
                    .noneMatch(record -> record.getMessage().contains("no HTTP permission")));

    @Test
    void thePermissionProtectsThem() {
        String id = Await.unique();
        String body = given().get("/items/" + id).asString();
        Await.cachedBody("/items/" + id, body);
        String purge = "/q/response-cache/evict?url=/items/" + id;

        given().post(purge).then().statusCode(401);
        given().auth().preemptive().basic("viewer", OperatorIdentityProvider.PASSWORD).post(purge).then()
                .statusCode(403);
        given().get("/items/" + id).then().header("X-Cache", "HIT").body(equalTo(body));
        given().auth().preemptive().basic("operator", OperatorIdentityProvider.PASSWORD).post(purge).then()
                .statusCode(200).body("evicted", equalTo(1));
    }
}
