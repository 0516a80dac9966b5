package io.quarkiverse.responsecache.test.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadLocalRandom;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkiverse.responsecache.testing.LocalRedis;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Class-level annotations, the configured default expiry, a namespace, the cacheable statuses and the cache-status
 * header's name.
 */
class ConfigurationTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("config-test")
            .overrideConfigKey("quarkus.response-cache.default-expire", "45s")
            .overrideConfigKey("quarkus.response-cache.cacheable-statuses", "200,500")
            .overrideConfigKey("quarkus.response-cache.x-cache-header.name", "X-Response-Cache")
            .withApplicationRoot(root -> root.addClasses(ClassLevelResource.class, Await.class));

    @Path("/class-level")
    @ResponseCache(namespace = "catalog")
    public static class ClassLevelResource {

        @GET
        @Path("/{id}")
        public String inherited(@PathParam("id") String id) {
            return random();
        }

        @GET
        @Path("/short/{id}")
        @ResponseCache(expire = 5)
        public String own(@PathParam("id") String id) {
            return random();
        }

        @POST
        @Path("/{id}")
        public String write(@PathParam("id") String id) {
            return random();
        }

        @GET
        @Path("/failing/{id}")
        public Response failing(@PathParam("id") String id) {
            return Response.status(500).entity("{\"detail\":\"" + random() + "\"}").type("application/json").build();
        }

        static String random() {
            return Double.toString(ThreadLocalRandom.current().nextDouble());
        }
    }

    static String unique() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
    }

    @Test
    void classLevelAnnotationCachesGetMethodsWithTheDefaultExpireAndNamespace() {
        String id = unique();
        var miss = given().get("/class-level/" + id);
        assertThat(miss.header("X-Response-Cache")).isEqualTo("MISS");
        assertThat(miss.header("X-Cache")).isNull();
        assertThat(miss.header("Cache-Control")).isEqualTo("max-age=45");
        Await.cachedBody("/class-level/" + id, miss.asString(), "X-Response-Cache");
        try (RedisTestClient redis = LocalRedis.client()) {
            assertThat(redis.keys("config-test:catalog:*")).isNotEmpty();
        }
    }

    @Test
    void methodAnnotationWinsOverTheClass() {
        var miss = given().get("/class-level/short/" + unique());
        assertThat(miss.header("Cache-Control")).isEqualTo("max-age=5");
    }

    @Test
    void nonGetMethodsOfAnAnnotatedClassAreNotCached() {
        String id = unique();
        var first = given().post("/class-level/" + id);
        var second = given().post("/class-level/" + id);
        assertThat(first.asString()).isNotEqualTo(second.asString());
        assertThat(second.header("X-Response-Cache")).isNull();
    }

    @Test
    void aCacheableErrorStatusIsReplayedWithThatStatus() {
        String path = "/class-level/failing/" + unique();
        var miss = given().get(path);
        assertThat(miss.statusCode()).isEqualTo(500);
        Await.cachedBody(path, miss.asString(), "X-Response-Cache");
        var hit = given().get(path);
        assertThat(hit.statusCode()).as("a cached 500 stays a 500").isEqualTo(500);
        assertThat(hit.header("Content-Type")).isEqualTo(miss.header("Content-Type"));
        assertThat(hit.asString()).isEqualTo(miss.asString());
        var conditional = given().header("If-None-Match", "*").get(path);
        assertThat(conditional.statusCode()).as("a condition never turns an error into 304").isEqualTo(500);
    }
}
