package io.quarkiverse.responsecache.runtime.explain;

import java.util.List;

import org.jboss.logging.Logger;

import io.quarkiverse.responsecache.runtime.management.PurgeRouteHandler;
import io.quarkus.arc.Arc;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The operator endpoint {@code GET .../response-cache/explain?url=/products/42&header=Accept:%20text/plain}: what a
 * request for that URL would get from the cache, and why ({@link ResponseCacheExplain}). Optional {@code method}
 * ({@code GET} or {@code HEAD}, the only ones cached) and {@code principal} (the caller the request would authenticate
 * as). {@code 404} when no cached endpoint matches the URL, {@code 400} when the request is malformed. It reveals keys
 * and tags, so it is served, enabled and protected exactly as the purge endpoints are.
 */
public class ExplainRouteHandler implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger(ExplainRouteHandler.class);

    @Override
    public void handle(RoutingContext context) {
        if (context.request().method() != HttpMethod.GET) {
            context.response().putHeader("Allow", "GET");
            answer(context, 405, new JsonObject().put("error", "use GET"));
            return;
        }
        String method = context.queryParams().get("method");
        if (method != null && !method.equalsIgnoreCase("GET") && !method.equalsIgnoreCase("HEAD")) {
            answer(context, 400, new JsonObject().put("error", "only GET (and HEAD) requests are cached, not "
                    + method));
            return;
        }
        String url = context.queryParams().get("url");
        List<String> headers = context.queryParams().getAll("header");
        String principal = context.queryParams().get("principal");
        ResponseCacheExplain explain = Arc.container().instance(ResponseCacheExplain.class).get();
        try {
            explain.explain(url, headers, principal).subscribe().with(
                    answer -> answer(context, answer == null ? 404 : 200,
                            answer == null ? explain.unmatched(url) : answer),
                    failure -> answer(context, 500, new JsonObject().put("error", failure.getMessage())));
        } catch (IllegalArgumentException malformed) {
            answer(context, 400, new JsonObject().put("error", malformed.getMessage()));
            return;
        }
        LOG.debugf("Response cache explain of %s, asked by %s", url, PurgeRouteHandler.requester(context));
    }

    private static void answer(RoutingContext context, int status, JsonObject body) {
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(body.encode());
    }
}
