package io.quarkiverse.responsecache.runtime.edge;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkiverse.responsecache.runtime.http.HttpCalls;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/** The requests purges send, on the application's Vert.x: one client, shared by every layer, created on first use. */
final class EdgeHttp {

    static final HttpMethod PURGE = HttpMethod.valueOf("PURGE");

    private final Vertx vertx;
    private final long timeoutMillis;
    private volatile HttpClient client;

    EdgeHttp(Vertx vertx, Duration timeout) {
        this.vertx = vertx;
        this.timeoutMillis = Math.max(1, timeout.toMillis());
    }

    /** @return the answer's body when its status is 2xx; otherwise a failure that names the status */
    Uni<Buffer> send(HttpMethod method, URI uri, Map<String, String> headers, Buffer body) {
        RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(uri.toString())
                .setSsl("https".equalsIgnoreCase(uri.getScheme()))
                .setConnectTimeout(timeoutMillis).setIdleTimeout(timeoutMillis);
        headers.forEach(options::putHeader);
        Future<Buffer> answer = HttpCalls.send(vertx, client(), options, body).compose(answered -> {
            if (answered.status() / 100 == 2) {
                return Future.succeededFuture(answered.body());
            }
            return Future.failedFuture(new IllegalStateException(method.name() + " " + uri + " answered "
                    + answered.status() + " " + abbreviated(answered.body())));
        });
        return Uni.createFrom().completionStage(() -> answer.toCompletionStage());
    }

    private HttpClient client() {
        HttpClient created = client;
        if (created == null) {
            synchronized (this) {
                created = client;
                if (created == null) {
                    created = client = vertx.createHttpClient(new HttpClientOptions()
                            .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis))
                            .setMaxPoolSize(8));
                }
            }
        }
        return created;
    }

    void close() {
        HttpClient created = client;
        if (created != null) {
            created.close();
        }
    }

    static <T> List<List<T>> batches(List<T> items, int size) {
        List<List<T>> batches = new ArrayList<>(items.size() / size + 1);
        for (int from = 0; from < items.size(); from += size) {
            batches.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return batches;
    }

    private static String abbreviated(Buffer content) {
        String text = content.toString();
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
