package io.quarkiverse.responsecache.runtime.handler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

import io.quarkiverse.responsecache.runtime.endpoint.TagTemplate;
import io.smallrye.mutiny.Uni;

/**
 * Evicts the namespaces and tags of {@code @ResponseCacheInvalidate} after the method returned a status below 400.
 * Runs after the response is created, so a method that threw never gets here; it suspends the request until the
 * eviction is done (or has failed, which is logged), so the client's next read does not see the old entry.
 * Recorded into bytecode: no-argument constructor and setters.
 */
public class ResponseCacheInvalidateHandler implements ServerRestHandler {

    private static final Logger LOG = Logger.getLogger(ResponseCacheInvalidateHandler.class);
    private static final Duration EVICTION_BUDGET = Duration.ofSeconds(5);

    private List<String> namespaces = List.of();
    private List<String> tags = List.of();
    private List<TagTemplate> tagTemplates = List.of();
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

    @Override
    public void handle(ResteasyReactiveRequestContext request) {
        if (request.getResponse().get().getStatus() >= 400) {
            return;
        }
        CacheServices cache = services.get();
        if (!cache.enabled) {
            return;
        }
        List<Uni<Long>> evictions = new ArrayList<>();
        for (String namespace : namespaces) {
            evictions.add(cache.indexes.evictNamespace(namespace));
        }
        for (String tag : TagTemplate.renderAll(tagTemplates, request)) {
            evictions.add(cache.indexes.evictTag(tag));
        }
        if (evictions.isEmpty()) {
            return;
        }
        request.suspend();
        Uni.join().all(evictions).andCollectFailures()
                .ifNoItem().after(EVICTION_BUDGET).fail()
                .subscribe().with(evicted -> request.resume(), failure -> {
                    LOG.warnf("Evicting cached responses after %s %s failed: %s", request.getMethod(),
                            request.getPath(), failure.toString());
                    request.resume();
                });
    }
}
