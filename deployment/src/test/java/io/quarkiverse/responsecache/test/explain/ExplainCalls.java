package io.quarkiverse.responsecache.test.explain;

import static io.restassured.RestAssured.given;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Requests to the management interface of the application under test, where the explain endpoint is. */
final class ExplainCalls {

    private ExplainCalls() {
    }

    static RequestSpecification management() {
        // the port the application was given (the test class is loaded twice)
        return given().port(ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class));
    }

    /** @return the explain endpoint's answer for a {@code GET} of {@code url} with these header lines; it must be 200 */
    static JsonPath explain(String url, String... headers) {
        RequestSpecification request = management().queryParam("url", url);
        for (String header : headers) {
            request.queryParam("header", header);
        }
        return request.get("/q/response-cache/explain").then().statusCode(200).extract().jsonPath();
    }
}
