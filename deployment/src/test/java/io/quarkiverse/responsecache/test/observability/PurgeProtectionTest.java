package io.quarkiverse.responsecache.test.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.specification.RequestSpecification;

/**
 * The configuration the Observability guide gives under "Protecting the endpoints", as written there: the management
 * interface with basic authentication and a permission that only the role {@code cache-operator} passes. Nobody else
 * purges, and the log names the operator who did.
 */
class PurgeProtectionTest {

    static final int MANAGEMENT_PORT = RedisServerProcess.freePort();

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("purge-protection-test")
            .overrideConfigKey("quarkus.response-cache.management.enabled", "true")
            .overrideConfigKey("quarkus.management.enabled", "true")
            .overrideConfigKey("quarkus.management.test-port", Integer.toString(MANAGEMENT_PORT))
            .overrideConfigKey("quarkus.management.auth.basic", "true")
            .overrideConfigKey("quarkus.management.auth.permission.purge.paths", "/q/response-cache/*")
            .overrideConfigKey("quarkus.management.auth.permission.purge.policy", "cache-operator")
            .overrideConfigKey("quarkus.management.auth.policy.cache-operator.roles-allowed", "cache-operator")
            .withApplicationRoot(root -> root.addClasses(ItemResource.class, Await.class,
                    OperatorIdentityProvider.class))
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.quarkiverse.responsecache"))
            .assertLogRecords(records -> {
                assertThat(records).filteredOn(record -> record.getMessage().contains("entries evicted by"))
                        .hasSize(1)
                        .allSatisfy(record -> assertThat(String.valueOf(record.getParameters()[3]))
                                .endsWith("(principal operator)"));
                // the management interface is protected: no warning about exposed endpoints
                assertThat(records).noneMatch(record -> record.getMessage().contains("no HTTP permission"));
            });

    static RequestSpecification management() {
        return given().port(ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class));
    }

    @Test
    void onlyTheOperatorRolePurges() {
        String id = Await.unique();
        String body = given().get("/items/" + id).asString();
        Await.cachedBody("/items/" + id, body);
        String purge = "/q/response-cache/evict?tag=item:" + id;

        management().post(purge).then().statusCode(401);
        management().auth().preemptive().basic("viewer", OperatorIdentityProvider.PASSWORD).post(purge).then()
                .statusCode(403);
        management().auth().preemptive().basic("operator", "wrong").post(purge).then().statusCode(401);
        given().get("/items/" + id).then().header("X-Cache", "HIT").body(equalTo(body));

        management().auth().preemptive().basic("operator", OperatorIdentityProvider.PASSWORD).post(purge).then()
                .statusCode(200).body("evicted", equalTo(1));
        given().get("/items/" + id).then().header("X-Cache", "MISS");
    }
}
