package io.quarkiverse.responsecache.runtime.edge;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.responsecache.runtime.config.EdgeConfig;
import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.observe.ResponseCacheEvents;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Purges every layer in front, in parallel and bounded; a failure is counted and logged once per incident, never
 * fails the eviction. Created at startup, so a configuration it cannot use stops the application.
 */
@Startup
@Singleton
public class EdgePurges implements EdgePurge {

    private static final Logger LOG = Logger.getLogger(EdgePurges.class);

    private final EdgeKeys keys;
    private final List<EdgeLayer> layers;
    private final Duration timeout;
    private final EdgeHttp http;
    /** The layers whose last purge failed: the incident is logged once. */
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    @Inject
    ResponseCacheEvents events = ResponseCacheEvents.none();

    @Inject
    public EdgePurges(ResponseCacheConfig config, Vertx vertx) {
        EdgeConfig edge = config.edge();
        this.keys = new EdgeKeys(config.prefix());
        this.timeout = edge.purgeTimeout();
        this.http = new EdgeHttp(vertx, timeout);
        List<EdgeLayer> configured = new ArrayList<>();
        for (URI url : edge.purgeUrls().orElse(List.of())) {
            if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
                throw new IllegalArgumentException("quarkus.response-cache.edge.purge-urls: " + url
                        + " is not an http or https URL");
            }
            configured.add(new HttpCacheLayer(url, edge.purgeHeader(), edge.softPurgeHeader(), http));
        }
        EdgeConfig.Fastly fastly = edge.fastly();
        if (fastly.serviceId().isPresent()) {
            configured.add(new FastlyLayer(fastly.apiUrl(), fastly.serviceId().get(),
                    required(fastly.apiToken(), "fastly.api-token", "fastly.service-id"), http));
        }
        EdgeConfig.Cloudflare cloudflare = edge.cloudflare();
        if (cloudflare.zoneId().isPresent()) {
            configured.add(new CloudflareLayer(cloudflare.apiUrl(), cloudflare.zoneId().get(),
                    required(cloudflare.apiToken(), "cloudflare.api-token", "cloudflare.zone-id"), http));
        }
        this.layers = List.copyOf(configured);
    }

    public boolean purges() {
        return !layers.isEmpty();
    }

    @Override
    public Uni<Void> purge(String kind, Collection<String> names, boolean soft) {
        if (layers.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> {
            List<String> purged = keys.purged(kind, names);
            List<Uni<Void>> each = new ArrayList<>(layers.size());
            for (EdgeLayer layer : layers) {
                each.add(layer.purge(purged, soft)
                        .ifNoItem().after(timeout).failWith(() -> new IllegalStateException(
                                "no answer within " + timeout.toMillis() + " ms (quarkus.response-cache.edge.purge-timeout)"))
                        .onItemOrFailure().transform((done, failure) -> {
                            if (failure == null) {
                                succeeded(layer);
                            } else {
                                failed(layer, purged, failure);
                            }
                            return null;
                        }));
            }
            return Uni.join().all(each).andFailFast().replaceWithVoid();
        });
    }

    private void succeeded(EdgeLayer layer) {
        if (!failing.isEmpty() && failing.remove(layer.name())) {
            LOG.infof("Response cache: purges of %s succeed again", layer.name());
        }
    }

    private void failed(EdgeLayer layer, List<String> purged, Throwable failure) {
        events.edgePurgeFailed(layer.name());
        if (failing.add(layer.name())) {
            LOG.warnf("Response cache: purging %s of %s failed (%s): it may serve what was evicted until it expires"
                    + " there. Writes go on; nothing more is logged until a purge of it succeeds again", purged,
                    layer.name(), failure.getMessage());
        }
    }

    private static String required(Optional<String> value, String name, String because) {
        return value.filter(v -> !v.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                "quarkus.response-cache.edge." + because + " is set but quarkus.response-cache.edge." + name
                        + " is not: set the API token the purges authenticate with"));
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
