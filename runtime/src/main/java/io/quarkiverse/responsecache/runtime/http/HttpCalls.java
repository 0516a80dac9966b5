package io.quarkiverse.responsecache.runtime.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.RequestOptions;

/** The requests of the extension's own HTTP clients (edge purges, background refreshes), their answers read whole. */
public final class HttpCalls {

    /** An answer: its status and its whole body. */
    public record Answer(int status, Buffer body) {
    }

    private HttpCalls() {
    }

    /**
     * Sends the request from a Vert.x context, so that the response's body handler is set in the turn its headers
     * arrive: from any other thread (a transaction's completion, a worker, a test), the body can be gone by then.
     *
     * @param body the request's body, or null
     */
    public static Future<Answer> send(Vertx vertx, HttpClient client, RequestOptions options, Buffer body) {
        Promise<Answer> answer = Promise.promise();
        vertx.getOrCreateContext().runOnContext(ignored -> client.request(options)
                .compose(request -> body == null ? request.send() : request.send(body))
                .compose(response -> response.body().map(content -> new Answer(response.statusCode(), content)))
                .onComplete(answer));
        return answer.future();
    }
}
