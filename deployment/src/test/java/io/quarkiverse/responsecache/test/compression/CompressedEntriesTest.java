package io.quarkiverse.responsecache.test.compression;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;

/**
 * With {@code quarkus.http.enable-compression}, an entry keeps the gzip form of its body, built once when stored: a
 * client that accepts gzip gets it as it is, any other the identity body, each form with its own entity tag, and every
 * response says {@code Vary: Accept-Encoding}. A plain HTTP client, so nothing decompresses behind the test's back.
 */
class CompressedEntriesTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("compression-test")
            .overrideConfigKey("quarkus.http.enable-compression", "true")
            .withApplicationRoot(root -> root.addClasses(CompressionResource.class, Labelled.class, LabelFilter.class,
                    Await.class));

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TestHTTPResource
    URL base;

    @Test
    void aClientThatAcceptsGzipGetsTheStoredGzipFormAndOneWithoutGetsTheIdentityBody() {
        String path = "/compression/json/" + Await.unique();
        HttpResponse<byte[]> miss = get(path, "Accept-Encoding", "gzip, deflate");
        assertThat(miss.headers().firstValue("X-Cache")).hasValue("MISS");
        assertThat(miss.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String body = gunzip(miss.body());
        assertThat(body).startsWith("{\"id\":");

        HttpResponse<byte[]> hit = awaitHit(path, "Accept-Encoding", "gzip");
        assertThat(hit.headers().firstValue("Content-Encoding")).hasValue("gzip");
        // decoded once: compressed again by the server, it would still be gzip after one decoding
        assertThat(gunzip(hit.body())).isEqualTo(body);
        assertThat(hit.headers().firstValue("ETag")).isEqualTo(miss.headers().firstValue("ETag"));
        assertThat(hit.headers().allValues("Vary")).containsExactly("Accept-Encoding");
        assertThat(hit.headers().firstValue("X-Label")).as("the response filter ran on the hit").hasValue("null");

        HttpResponse<byte[]> identity = get(path);
        assertThat(identity.headers().firstValue("X-Cache")).hasValue("HIT");
        assertThat(identity.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(identity.body(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(identity.headers().allValues("Vary")).containsExactly("Accept-Encoding");
        String identityETag = identity.headers().firstValue("ETag").orElseThrow();
        assertThat(hit.headers().firstValue("ETag"))
                .hasValue(identityETag.substring(0, identityETag.length() - 1) + "-gzip\"");
    }

    @Test
    void theChoiceFollowsTheQualityValues() {
        String path = "/compression/json/" + Await.unique();
        awaitHit(path, "Accept-Encoding", "gzip");
        assertThat(encodingFor(path, "gzip;q=0")).isEmpty();
        assertThat(encodingFor(path, "gzip; q=0.000, deflate")).isEmpty();
        assertThat(encodingFor(path, "br, deflate")).as("the identity form, not compressed per request either").isEmpty();
        assertThat(encodingFor(path, "")).isEmpty();
        assertThat(encodingFor(path, "identity;q=0, gzip")).hasValue("gzip");
        assertThat(encodingFor(path, "GZIP;q=0.5")).hasValue("gzip");
        assertThat(encodingFor(path, "*")).hasValue("gzip");
        assertThat(encodingFor(path, "*;q=0, identity")).isEmpty();
        assertThat(encodingFor(path, "gzip;q=0.4, identity;q=0.9")).isEmpty();
        assertThat(encodingFor(path, "x-gzip")).hasValue("gzip");
    }

    @Test
    void eachFormAnswersItsOwnTagWithA304() {
        String path = "/compression/json/" + Await.unique();
        String gzipETag = awaitHit(path, "Accept-Encoding", "gzip").headers().firstValue("ETag").orElseThrow();
        String identityETag = get(path).headers().firstValue("ETag").orElseThrow();
        assertThat(gzipETag).isNotEqualTo(identityETag);

        HttpResponse<byte[]> notModified = get(path, "Accept-Encoding", "gzip", "If-None-Match", gzipETag);
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.headers().firstValue("ETag")).hasValue(gzipETag);
        assertThat(notModified.headers().allValues("Vary")).containsExactly("Accept-Encoding");
        assertThat(get(path, "If-None-Match", identityETag).statusCode()).isEqualTo(304);

        // a tag of the other form is another representation: the full response
        HttpResponse<byte[]> gzipForIdentityTag = get(path, "Accept-Encoding", "gzip", "If-None-Match", identityETag);
        assertThat(gzipForIdentityTag.statusCode()).isEqualTo(200);
        assertThat(gzipForIdentityTag.headers().firstValue("Content-Encoding")).hasValue("gzip");
        HttpResponse<byte[]> identityForGzipTag = get(path, "If-None-Match", gzipETag);
        assertThat(identityForGzipTag.statusCode()).isEqualTo(200);
        assertThat(identityForGzipTag.headers().firstValue("Content-Encoding")).isEmpty();
    }

    @Test
    void aHeadRequestSaysWhatTheGetWouldSend() {
        String path = "/compression/json/" + Await.unique();
        HttpResponse<byte[]> hit = awaitHit(path, "Accept-Encoding", "gzip");
        HttpResponse<byte[]> head = send(path, "HEAD", "Accept-Encoding", "gzip");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(hit.body().length));
        assertThat(head.headers().firstValue("ETag")).isEqualTo(hit.headers().firstValue("ETag"));
        HttpResponse<byte[]> identityHead = send(path, "HEAD");
        assertThat(identityHead.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(identityHead.headers().firstValue("Content-Length"))
                .hasValue(Integer.toString(get(path).body().length));
    }

    @Test
    void aHitAnsweredRightAfterMatchingSendsTheStoredFormToo() {
        String path = "/compression/short/" + Await.unique();
        HttpResponse<byte[]> miss = get(path, "Accept-Encoding", "gzip");
        HttpResponse<byte[]> hit = awaitHit(path, "Accept-Encoding", "gzip");
        assertThat(hit.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gunzip(hit.body())).isEqualTo(gunzip(miss.body()));
        assertThat(hit.headers().firstValue("Cache-Status").orElseThrow()).doesNotContain("fwd=");
        assertThat(new String(get(path).body(), StandardCharsets.UTF_8)).isEqualTo(gunzip(miss.body()));
    }

    @Test
    void anEntityAFilterReplacedIsSentAsTheFilterMadeIt() {
        String path = "/compression/replaced/" + Await.unique();
        HttpResponse<byte[]> hit = awaitHit(path, "Accept-Encoding", "gzip");
        // the server may compress the filter's entity as it compresses any response, but never under the stored tag
        String body = hit.headers().firstValue("Content-Encoding").isPresent() ? gunzip(hit.body())
                : new String(hit.body(), StandardCharsets.UTF_8);
        assertThat(body).matches("\\{\"replaced\":\\d+}");
        assertThat(hit.headers().firstValue("ETag").orElseThrow()).doesNotContain("-gzip");
    }

    @Test
    void whatQuarkusDoesNotCompressKeepsNoGzipForm() {
        for (String kind : new String[] { "uncompressed", "octets" }) {
            String path = "/compression/" + kind + "/" + Await.unique();
            HttpResponse<byte[]> hit = awaitHit(path, "Accept-Encoding", "gzip");
            assertThat(hit.headers().firstValue("Content-Encoding")).as(kind).isEmpty();
            assertThat(hit.headers().allValues("Vary")).as(kind).isEmpty();
        }
        String forced = "/compression/forced/" + Await.unique();
        HttpResponse<byte[]> hit = awaitHit(forced, "Accept-Encoding", "gzip");
        assertThat(hit.headers().firstValue("Content-Encoding")).as("@Compressed").hasValue("gzip");
        assertThat(hit.headers().firstValue("ETag").orElseThrow()).endsWith("-gzip\"");
    }

    private java.util.Optional<String> encodingFor(String path, String acceptEncoding) {
        HttpResponse<byte[]> response = get(path, "Accept-Encoding", acceptEncoding);
        assertThat(response.headers().firstValue("X-Cache")).as(acceptEncoding).hasValue("HIT");
        return response.headers().firstValue("Content-Encoding");
    }

    private HttpResponse<byte[]> awaitHit(String path, String... headers) {
        HttpResponse<byte[]>[] last = new HttpResponse[1];
        Await.awaiting("a hit on " + path).until(() -> {
            last[0] = get(path, headers);
            return last[0].headers().firstValue("X-Cache").orElse("").equals("HIT");
        });
        return last[0];
    }

    private HttpResponse<byte[]> get(String path, String... headers) {
        return send(path, "GET", headers);
    }

    private HttpResponse<byte[]> send(String path, String method, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                .timeout(Duration.ofSeconds(20)).method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String gunzip(byte[] body) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("not gzip", e);
        }
    }
}
