package io.quarkiverse.responsecache.test.devui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * The Dev UI's explain, in dev mode on a real Redis, without the operator endpoints enabled: the same answer as the
 * explain endpoint for a miss, then a hit; an error for a URL no cached endpoint matches.
 */
public class DevUiExplainTest extends DevModeOnRedis {

    static final int PORT = RedisServerProcess.freePort();

    @RegisterExtension
    static final QuarkusDevModeTest app = app(PORT, "devui-explain-test");

    public DevUiExplainTest() {
        super(PORT);
    }

    @Test
    void explainsAMissThenAHit() throws Exception {
        String path = "/items/" + Await.unique();
        JsonNode miss = executeJsonRPCMethod("explain", Map.of("url", path, "headers", "", "principal", ""));
        assertThat(miss.get("endpoint").get("name").asText()).isEqualTo("ItemResource.item");
        assertThat(miss.get("outcome").asText()).isEqualTo("miss");
        assertThat(miss.get("detail").asText()).isEqualTo("absent");

        Await.cachedBody(path, given().get(path).asString());
        JsonNode hit = executeJsonRPCMethod("explain", Map.of("url", path, "headers", "Accept: text/plain",
                "principal", ""));
        assertThat(hit.get("outcome").asText()).isEqualTo("hit");
        assertThat(hit.get("key").asText()).isEqualTo(miss.get("key").asText());
        assertThat(hit.get("entry").get("exists").asBoolean()).isTrue();

        assertThat(executeJsonRPCMethod("explain", Map.of("url", "/nothing", "headers", "", "principal", ""))
                .get("error").asText()).startsWith("no cached endpoint matches");
    }
}
