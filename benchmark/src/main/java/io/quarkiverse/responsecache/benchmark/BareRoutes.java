package io.quarkiverse.responsecache.benchmark;

import jakarta.enterprise.event.Observes;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

/**
 * The ceiling of anything a Quarkus application answers: a Vert.x route that writes a constant body, before Quarkus
 * REST and without its pipeline (no routing of resources, no filters, no request scope). A near-cache hit runs the
 * application's whole pipeline, so it cannot be faster than these; the rows {@code near.bare-route} and
 * {@code near.bare-route-64k} measure how far from them it is, and how far they are from nginx.
 */
public class BareRoutes {

    private static final Buffer SMALL = Buffer.buffer(Bodies.SMALL);
    private static final Buffer LARGE = Buffer.buffer(Bodies.LARGE);

    void install(@Observes Router router) {
        router.get("/bench/bare-route").handler(context -> context.response()
                .putHeader("Content-Type", "text/plain;charset=UTF-8").end(SMALL));
        router.get("/bench/bare-route-64k").handler(context -> context.response()
                .putHeader("Content-Type", "text/plain;charset=UTF-8").end(LARGE));
    }
}
