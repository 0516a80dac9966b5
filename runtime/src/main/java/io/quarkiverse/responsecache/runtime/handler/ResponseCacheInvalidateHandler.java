package io.quarkiverse.responsecache.runtime.handler;

import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

import io.quarkiverse.responsecache.runtime.endpoint.TagTemplate;
import io.quarkiverse.responsecache.runtime.invalidation.GuardedEvictions;
import io.smallrye.mutiny.Uni;

/**
 * Evicts the namespaces and tags of {@code @ResponseCacheInvalidate}, or every entry when it says {@code all = true}, after the
 * method returned a status below 400.
 * Runs after the response is created, so a method that threw never gets here; it suspends the request until the
 * eviction is done (or has failed, or has run out of {@code quarkus.response-cache.invalidation.timeout}, which is
 * logged), so the client's next read does not see the old entry. While the store's breaker is open it does not wait.
 * Recorded into bytecode: no-argument constructor and setters.
 */
public class ResponseCacheInvalidateHandler implements ServerRestHandler {

    private static final Logger LOG = Logger.getLogger(ResponseCacheInvalidateHandler.class);

    private List<String> namespaces = List.of();
    private List<String> tags = List.of();
    private List<TagTemplate> tagTemplates = List.of();
    private boolean all;
    private final CacheServicesReference services = new CacheServicesReference();

    public List<String> getNamespaces() {
        return namespaces;
    }

    public void setNamespaces(List<String> namespaces) {
        this.namespaces = namespaces;
    }

    public List<String> getTags() {
        return tags;
    }

    public void setTags(List<String> tags) {
        this.tags = tags;
        this.tagTemplates = TagTemplate.parseAll(tags);
    }

    public boolean isAll() {
        return all;
    }

    public void setAll(boolean all) {
        this.all = all;
    }

    @Override
    public void handle(ResteasyReactiveRequestContext request) {
        if (request.getResponse().get().getStatus() >= 400) {
            return;
        }
        CacheServices cache = services.get();
        if (!cache.enabled) {
            return;
        }
        if (all) {
            // every namespace and tag is inside it: evicting them as well would only evict nothing twice
            evict(request, List.of(cache.evictions.evictAll()));
            return;
        }
        List<Uni<Long>> evictions = new ArrayList<>();
        for (String namespace : namespaces) {
            evictions.add(cache.evictions.evictNamespace(namespace));
        }
        for (String tag : TagTemplate.renderAll(tagTemplates, request)) {
            evictions.add(cache.evictions.evictTag(tag));
        }
        if (!evictions.isEmpty()) {
            evict(request, evictions);
        }
    }

    private static void evict(ResteasyReactiveRequestContext request, List<Uni<Long>> evictions) {
        request.suspend();
        // each eviction is bounded by quarkus.response-cache.invalidation.timeout, so their join is too
        Uni.join().all(evictions).andCollectFailures()
                .subscribe().with(evicted -> request.resume(), failure -> {
                    LOG.warnf("Evicting cached responses after %s %s failed: %s", request.getMethod(),
                            request.getPath(), GuardedEvictions.describe(failure));
                    request.resume();
                });
    }
}
