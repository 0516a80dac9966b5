package io.quarkiverse.responsecache.runtime.devui;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoints;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkiverse.responsecache.runtime.management.PurgeRefusedException;
import io.quarkiverse.responsecache.runtime.management.PurgeTarget;
import io.quarkiverse.responsecache.runtime.management.ResponseCachePurge;
import io.quarkiverse.responsecache.runtime.observe.CacheOutcome;
import io.quarkiverse.responsecache.runtime.observe.NearCacheStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The Dev UI card's runtime side: live counts per endpoint, and the operator's evictions. Dev mode only. */
public class ResponseCacheJsonRpcService {

    @Inject
    CachedEndpoints endpoints;
    @Inject
    ResponseCacheDevCounts counts;
    @Inject
    ResponseCachePurge purge;
    @Inject
    Instance<NearCacheStatus> nearCache;

    /** @return per endpoint name: its counts by outcome and its hit ratio (of the requests it did not bypass) */
    public JsonArray getCounts() {
        JsonArray rows = new JsonArray();
        for (EndpointPolicy policy : endpoints.all()) {
            String name = policy.endpoint().name();
            JsonObject row = new JsonObject().put("name", name).put("enabled", policy.enabled());
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

    /** Empties this instance's near cache, when there is one; Redis keeps its entries. */
    public JsonObject clearNearCache() {
        if (!nearCache.isResolvable() || !nearCache.get().inUse()) {
            return new JsonObject().put("cleared", false).put("message", "this application has no near cache");
        }
        NearCacheStatus near = nearCache.get();
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
