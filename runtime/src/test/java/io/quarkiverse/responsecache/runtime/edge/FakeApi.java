package io.quarkiverse.responsecache.runtime.edge;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * A local HTTP server that records every request and answers what {@link #answer} says: a stand-in for a CDN's API or
 * an HTTP cache, checking the request as the real one documents it.
 */
final class FakeApi implements AutoCloseable {

    /** What a request held. */
    record Request(String method, String path, MultiMap headers, String body) {
    }

    /** What to answer: a status and a body; null answers nothing at all (a frozen server). */
    record Answer(int status, String body) {
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    volatile Function<Request, Answer> answer = request -> new Answer(200, "{}");
    private final HttpServer server;

    FakeApi(Vertx vertx) throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            Request received = new Request(request.method().name(), request.path(),
                    MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), body.toString());
            requests.add(received);
            Answer answered = answer.apply(received);
            if (answered != null) {
                request.response().setStatusCode(answered.status()).putHeader("Content-Type", "application/json")
                        .end(answered.body());
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + path);
    }

    static Map<String, String> headers(Request request, String... names) {
        java.util.LinkedHashMap<String, String> picked = new java.util.LinkedHashMap<>();
        for (String name : names) {
            picked.put(name, request.headers().get(name));
        }
        return picked;
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
