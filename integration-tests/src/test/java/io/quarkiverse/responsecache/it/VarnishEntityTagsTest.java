package io.quarkiverse.responsecache.it;

import static io.quarkiverse.responsecache.it.EntityTrackingTest.create;
import static io.quarkiverse.responsecache.it.EntityTrackingTest.unique;
import static io.quarkiverse.responsecache.it.EntityTrackingTest.update;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.responsecache.testing.LocalRedisTestResource;
import io.quarkiverse.responsecache.testing.VarnishProcess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * The library behind a real Varnish (the Edge guide's VCL): its pages carry the tags entity tracking gave them, and a
 * Hibernate write with no cache annotation purges Varnish of them before it answers.
 */
@QuarkusTest
@WithTestResource(LocalRedisTestResource.class)
@TestProfile(VarnishEntityTagsTest.VarnishInFront.class)
class VarnishEntityTagsTest {

    static final VarnishProcess VARNISH = VarnishProcess.shared("library");

    public static class VarnishInFront implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.response-cache.edge.tag-header", "xkey",
                    "quarkus.response-cache.edge.purge-urls", VARNISH.url() + "/",
                    "quarkus.response-cache.prefix", "library-edge");
        }
    }

    @BeforeEach
    void varnishInFront() {
        assumeTrue(VarnishProcess.available(), VarnishProcess.MISSING);
        assumeTrue(VARNISH.startIfStopped(vcl(RestAssured.port)), VARNISH::whyNotRunning);
    }

    @AfterAll
    static void stopVarnish() {
        VARNISH.close();
    }

    static Response throughVarnish(String path) {
        return given().port(VARNISH.port()).get(path).then().statusCode(200).extract().response();
    }

    @Test
    void aPageCarriesTheRowsItReadAndTheirWriteIsSeenThroughVarnish() {
        long id = create(unique("before"), 10);
        String path = "/books/" + id;
        assertThat(given().get(path).header("xkey").split(" ")).contains("entity:Book#" + id, "entity:Book#*");
        throughVarnish(path);
        assertThat(throughVarnish(path).header("X-Edge-Cache")).isEqualTo("HIT");

        String title = unique("after");
        update(id, title, 11);

        assertThat(throughVarnish(path).jsonPath().getString("title")).isEqualTo(title);
    }

    @Test
    void aNewRowIsSeenInTheListThroughVarnish() {
        throughVarnish("/books");
        assertThat(throughVarnish("/books").header("X-Edge-Cache")).isEqualTo("HIT");

        String title = unique("new");
        create(title, 12);

        assertThat(throughVarnish("/books").jsonPath().getList("title")).contains(title);
    }

    /** The Edge guide's VCL, its backend pointed at this application. */
    static String vcl(int applicationPort) {
        try {
            String vcl = Files.readString(Path.of("../docs/modules/ROOT/examples/xkey.vcl"));
            return vcl.replace(".port = \"8080\";", ".port = \"" + applicationPort + "\";");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
