package io.quarkiverse.responsecache.runtime.management;

import java.util.ArrayList;
import java.util.List;

import io.quarkus.arc.Arc;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The operator endpoints {@code POST .../response-cache/evict} and {@code POST .../response-cache/soft-purge}: exactly
 * one of the query parameters {@code key}, {@code tag}, {@code namespace}, {@code url} or {@code all=true} names what
 * goes; the answer counts it, e.g. {@code {"evicted":3}}. Recorded into bytecode: no-argument constructor and a
 * setter.
 */
public class PurgeRouteHandler implements Handler<RoutingContext> {

    private boolean soft;

    public PurgeRouteHandler() {
    }

    public PurgeRouteHandler(boolean soft) {
        this.soft = soft;
    }

    public boolean isSoft() {
        return soft;
    }

    public void setSoft(boolean soft) {
        this.soft = soft;
    }

    @Override
    public void handle(RoutingContext context) {
        if (context.request().method() != HttpMethod.POST) {
            context.response().putHeader("Allow", "POST");
            answer(context, 405, new JsonObject().put("error", "use POST"));
            return;
        }
        List<PurgeTarget> named = new ArrayList<>(1);
        for (PurgeTarget target : PurgeTarget.values()) {
            if (context.queryParams().contains(target.parameter())) {
                named.add(target);
            }
        }
        if (named.size() != 1) {
            answer(context, 400, new JsonObject().put("error",
                    "name exactly one of the query parameters key, tag, namespace, url or all=true"));
            return;
        }
        PurgeTarget target = named.get(0);
        String value = context.queryParams().get(target.parameter());
        if (target == PurgeTarget.ALL && !"true".equals(value)) {
            answer(context, 400, new JsonObject().put("error", "all=true purges everything; nothing else is accepted"));
            return;
        }
        if (target == PurgeTarget.KEY && value.isEmpty() || target == PurgeTarget.URL && !value.startsWith("/")) {
            answer(context, 400, new JsonObject().put("error", target == PurgeTarget.URL
                    ? "url is a path, starting with /"
                    : "key must not be empty"));
            return;
        }
        ResponseCachePurge purge = Arc.container().instance(ResponseCachePurge.class).get();
        Uni<Long> done = soft ? purge.markStale(target, value) : purge.evict(target, value);
        String counted = soft ? "marked-stale" : "evicted";
        done.subscribe().with(
                count -> answer(context, 200, new JsonObject().put(counted, count)),
                failure -> answer(context, 503, new JsonObject().put("error",
                        "the response cache store failed: " + failure.getMessage())));
    }

    private static void answer(RoutingContext context, int status, JsonObject body) {
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(body.encode());
    }
}
