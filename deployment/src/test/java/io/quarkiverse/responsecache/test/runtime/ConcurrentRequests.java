package io.quarkiverse.responsecache.test.runtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.restassured.RestAssured;

/** Sends many requests at once and collects their responses. */
public final class ConcurrentRequests {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ConcurrentRequests() {
    }

    public static List<HttpResponse<String>> get(String path, int count) {
        return get(path, count, new String[0]);
    }

    /** @param headers pairs of request header name and value */
    public static List<HttpResponse<String>> get(String path, int count, String... headers) {
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>(count);
        URI uri = URI.create("http://localhost:" + RestAssured.port + path);
        for (int i = 0; i < count; i++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
            if (headers.length > 0) {
                request.headers(headers);
            }
            pending.add(CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()));
        }
        return pending.stream().map(CompletableFuture::join).toList();
    }
}
