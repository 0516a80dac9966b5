package io.quarkiverse.responsecache.runtime.devui;

import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheBuildTimeConfig;
import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoints;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkiverse.responsecache.runtime.explain.ResponseCacheExplain;
import io.quarkiverse.responsecache.runtime.management.PurgeRefusedException;
import io.quarkiverse.responsecache.runtime.management.PurgeTarget;
import io.quarkiverse.responsecache.runtime.management.ResponseCachePurge;
import io.quarkiverse.responsecache.runtime.observe.CacheOutcome;
import io.quarkiverse.responsecache.runtime.observe.NearCacheStatus;
import io.quarkiverse.responsecache.spi.ResponseStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The Dev UI card's runtime side: live counts per endpoint, the operator's evictions and explain. Dev mode only. */
public class ResponseCacheJsonRpcService {

    @Inject
    CachedEndpoints endpoints;
    @Inject
    ResponseCacheDevCounts counts;
    @Inject
    ResponseCachePurge purge;
    @Inject
    Instance<NearCacheStatus> nearCache;
    @Inject
    ResponseStore store;
    @Inject
    ResponseCacheBuildTimeConfig buildTimeConfig;
    @Inject
    ResponseCacheExplain explain;

    /** @return where responses are stored (see {@link ActiveStore#describe}) */
    public JsonObject getStore() {
        return ActiveStore.describe(store, nearCache, buildTimeConfig);
    }

    /** @return the card's label: {@code in memory}, {@code in Redis} or {@code in Redis, near cache on} */
    public String getStoreLabel() {
        return getStore().getString("label");
    }

    /**
     * @return per endpoint name: its counts by outcome, its hit ratio (of the requests it did not bypass), and its
     *         lifetimes as configured now, which replace the build's "default" where the annotation left them to the
     *         configuration
     */
    public JsonArray getCounts() {
        JsonArray rows = new JsonArray();
        for (EndpointPolicy policy : endpoints.all()) {
            String name = policy.endpoint().name();
            JsonObject row = new JsonObject().put("name", name).put("enabled", policy.enabled())
                    .put("expire", LifetimeText.expire(policy.expire().toSeconds()))
                    .put("staleWhileRevalidate", LifetimeText.window(policy.staleWhileRevalidate().toSeconds()))
                    .put("staleIfError", LifetimeText.window(policy.staleIfError().toSeconds()));
            long answered = 0;
            long computed = 0;
            for (CacheOutcome outcome : CacheOutcome.values()) {
                long count = counts.count(name, outcome);
                row.put(outcome.label(), count);
                if (outcome.answeredFromCache()) {
                    answered += count;
                } else if (outcome == CacheOutcome.MISS) {
                    computed += count;
                }
            }
            row.put("entityTags", counts.lastEntityTags(name));
            row.put("hitRatio", answered + computed == 0 ? null : (double) answered / (answered + computed));
            rows.add(row);
        }
        return rows;
    }

    public Uni<JsonObject> evictUrl(String url) {
        return evict(PurgeTarget.URL, url);
    }

    public Uni<JsonObject> evictKey(String key) {
        return evict(PurgeTarget.KEY, key);
    }

    public Uni<JsonObject> evictTag(String tag) {
        return evict(PurgeTarget.TAG, tag);
    }

    public Uni<JsonObject> evictNamespace(String namespace) {
        return evict(PurgeTarget.NAMESPACE, namespace);
    }

    public Uni<JsonObject> evictAll() {
        return evict(PurgeTarget.ALL, "true");
    }

    /**
     * What a request would get from the cache, as the operator endpoint {@code response-cache/explain} answers it.
     *
     * @param headers header lines, {@code Name: value}, one per line
     * @param principal the caller the request would authenticate as, or empty
     */
    public Uni<JsonObject> explain(String url, String headers, String principal) {
        try {
            return explain.explain(url, headers == null ? List.of()
                    : Arrays.stream(headers.split("\\R")).filter(line -> !line.isBlank()).toList(),
                    principal == null || principal.isBlank() ? null : principal.trim())
                    .map(answer -> answer != null ? answer : explain.unmatched(url))
                    .onFailure().recoverWithItem(failure -> new JsonObject().put("error", failure.getMessage()));
        } catch (IllegalArgumentException malformed) {
            return Uni.createFrom().item(new JsonObject().put("error", malformed.getMessage()));
        }
    }

    /** Empties this instance's near cache, when there is one; Redis keeps its entries. */
    public JsonObject clearNearCache() {
        NearCacheStatus near = NearCacheStatus.active(nearCache);
        if (near == null) {
            return new JsonObject().put("cleared", false).put("message", "this application has no near cache");
        }
        long entries = near.entries();
        near.clear();
        return new JsonObject().put("cleared", true).put("entries", entries);
    }

    /** The same checks as the operator endpoints ({@code PurgeTargetCheck}): a refusal is an error, nothing is touched. */
    private Uni<JsonObject> evict(PurgeTarget target, String value) {
        return purge.evict(target, value, "the Dev UI").map(count -> new JsonObject().put("evicted", count))
                .onFailure().recoverWithItem(failure -> new JsonObject().put("error",
                        failure instanceof PurgeRefusedException ? failure.getMessage()
                                : "the response cache store failed: " + failure.getMessage()));
    }
}
