package io.quarkiverse.responsecache.runtime.management;

import java.util.ArrayList;
import java.util.List;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The evict and soft-purge endpoints (see invalidation.adoc): a target the cache does not own gets {@code 400} and
 * touches nothing. Recorded into bytecode: no-argument constructor and a setter.
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
        if (named.size() != 1 || context.queryParams().getAll(named.get(0).parameter()).size() != 1) {
            answer(context, 400, new JsonObject().put("error",
                    "name exactly one of the query parameters key, tag, namespace, url or all=true"));
            return;
        }
        PurgeTarget target = named.get(0);
        String value = context.queryParams().get(target.parameter());
        String requester = requester(context);
        ResponseCachePurge purge = Arc.container().instance(ResponseCachePurge.class).get();
        Uni<Long> done = soft ? purge.markStale(target, value, requester) : purge.evict(target, value, requester);
        String counted = soft ? "marked-stale" : "evicted";
        done.subscribe().with(
                count -> answer(context, 200, new JsonObject().put(counted, count)),
                failure -> answer(context, failure instanceof PurgeRefusedException ? 400 : 503,
                        new JsonObject().put("error", failure instanceof PurgeRefusedException ? failure.getMessage()
                                : "the response cache store failed: " + failure.getMessage())));
    }

    /** @return who asked, for the purge's log line: the remote address and the authenticated principal, if any */
    public static String requester(RoutingContext context) {
        String principal = context.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()
                ? user.getSecurityIdentity().getPrincipal().getName()
                : "anonymous";
        return context.request().remoteAddress() + " (principal " + principal + ")";
    }

    private static void answer(RoutingContext context, int status, JsonObject body) {
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(body.encode());
    }
}
