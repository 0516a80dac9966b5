package io.quarkiverse.responsecache.test.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A {@code 206 Partial Content} answers one {@code Range} request with a part of the resource: replayed to another
 * request it would pass a part for the whole. So it is never stored, even when the operator lists it in
 * {@code cacheable-statuses}, and startup says once that the listed {@code 206} is ignored.
 */
class PartialContentTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("partial-content-test")
            .overrideConfigKey("quarkus.response-cache.cacheable-statuses", "200,206")
            .withApplicationRoot(root -> root.addClasses(RangeResource.class, Await.class))
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.quarkiverse.responsecache"))
            .assertLogRecords(records -> assertThat(records)
                    .filteredOn(record -> record.getLevel().intValue() == Level.WARNING.intValue())
                    .extracting(record -> record.getMessage().formatted(record.getParameters()))
                    .anySatisfy(message -> assertThat(message).contains("cacheable-statuses lists [206]")
                            .contains("never stores")));

    @Path("/range")
    public static class RangeResource {

        static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

        static String body(String id) {
            return id + "-" + CALLS.computeIfAbsent(id, any -> new AtomicInteger()).incrementAndGet();
        }

        @GET
        @Path("/partial/{id}")
        @ResponseCache(expire = 60)
        public Response partial(@PathParam("id") String id) {
            String body = body(id);
            return Response.status(206).header("Content-Range", "bytes 0-" + (body.length() - 1) + "/1000")
                    .entity(body).build();
        }

        @GET
        @Path("/whole/{id}")
        @ResponseCache(expire = 60)
        public String whole(@PathParam("id") String id) {
            return body(id);
        }
    }

    @Test
    void aPartialResponseIsNeverStoredNorReplayedEvenWhenListed() {
        String id = Await.unique();
        for (int call = 1; call <= 3; call++) {
            var response = given().get("/range/partial/" + id);
            assertThat(response.statusCode()).isEqualTo(206);
            assertThat(response.asString()).as("the endpoint ran again").isEqualTo(id + "-" + call);
            assertThat(response.header("X-Cache")).isEqualTo("MISS");
            assertThat(response.header("Cache-Status")).doesNotContain("stored");
        }
    }

    /** The same application stores a 200: the 206 above was not missed for want of a working cache. */
    @Test
    void aWholeResponseOfTheSameApplicationIsStored() {
        String id = Await.unique();
        var first = given().get("/range/whole/" + id);
        assertThat(first.header("Cache-Status")).isEqualTo("response-cache; fwd=uri-miss; stored; detail=absent");
        Await.cachedBody("/range/whole/" + id, id + "-1");
    }
}
