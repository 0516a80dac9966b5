package io.quarkiverse.responsecache.runtime.explain;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.resteasy.reactive.common.util.PathHelper;

import io.quarkiverse.responsecache.ResponseCacheKeyInput;
import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.coordination.CacheDecisions;
import io.quarkiverse.responsecache.runtime.coordination.EntryVerdict;
import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoints;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkiverse.responsecache.runtime.endpoint.TagTemplate;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.http.CacheStatusHeaders;
import io.quarkiverse.responsecache.runtime.http.HttpCacheHeaders;
import io.quarkiverse.responsecache.runtime.key.RequestCredentials;
import io.quarkiverse.responsecache.runtime.key.RequestKeys;
import io.quarkiverse.responsecache.runtime.observe.CacheDetail;
import io.quarkiverse.responsecache.runtime.observe.CacheForward;
import io.quarkiverse.responsecache.runtime.observe.CacheOutcome;
import io.quarkiverse.responsecache.runtime.observe.NearCacheStatus;
import io.quarkiverse.responsecache.runtime.store.GuardedStore;
import io.quarkiverse.responsecache.runtime.store.StoreLookup;
import io.quarkiverse.responsecache.spi.ResponseCacheClock;
import io.quarkus.resteasy.reactive.server.runtime.ResteasyReactiveRecorder;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Answers "what would this URL get from the cache, and why?" for operators (the explain endpoint, the Dev UI): which
 * cached endpoint the URL matches, the key's inputs and the key, computed by the application's key builder as for a
 * live request, the entry under that key, and the outcome a request would have, with its {@code Cache-Status} detail.
 * Nothing runs but a store lookup: neither the endpoint nor its filters, which is why what they decide at run time (a
 * caller a filter or an authentication mechanism sets) is not seen; see {@link ExplainAnswer#notSeen}.
 */
@Singleton
public class ResponseCacheExplain {

    private final boolean enabled;
    private final boolean honorsRequestDirectives;
    private final CachedEndpoints endpoints;
    private final EndpointRoutes routes;
    private final RequestKeys keys;
    private final GuardedStore store;
    private final ResponseCacheClock clock;
    /** The live path's judgement of an entry read back, so the explain admits exactly what a request would. */
    private final CacheDecisions decisions;
    /** Absent when no near cache publishes its state; read per answer, as the store may be chosen late. */
    private final Instance<NearCacheStatus> nearCache;

    @Inject
    public ResponseCacheExplain(ResponseCacheConfig config, CachedEndpoints endpoints, EndpointRoutes routes,
            RequestKeys keys, GuardedStore store, ResponseCacheClock clock, CacheDecisions decisions,
            Instance<NearCacheStatus> nearCache) {
        this.enabled = config.enabled();
        this.honorsRequestDirectives = config.requestCacheControl() == ResponseCacheConfig.RequestDirectives.HONOR;
        this.endpoints = endpoints;
        this.routes = routes;
        this.keys = keys;
        this.store = store;
        this.clock = clock;
        this.decisions = decisions;
        this.nearCache = nearCache;
    }

    /**
     * @param url the path and query of the request to explain, or an absolute URL
     * @param headerLines its headers, {@code Name: value} each
     * @param principal the name of the caller the request would authenticate as, or null
     * @return the answer; null when no cached endpoint matches (see {@link #unmatched})
     * @throws IllegalArgumentException when the request is malformed
     */
    public Uni<JsonObject> explain(String url, List<String> headerLines, String principal) {
        ExplainRequest request = ExplainRequest.parse(url, headerLines);
        String below = PathHelper.getPathWithoutPrefix(request.pathWithoutMatrixParameters(), applicationPath());
        EndpointRoutes.Match match = routes.match(below, request.header("Accept"));
        if (match == null) {
            return Uni.createFrom().nullItem();
        }
        request = request.producing(match.route().produces());
        EndpointPolicy policy = endpoints.policy(match.route().endpointId());
        JsonObject answer = new JsonObject()
                .put("endpoint", ExplainAnswer.endpoint(policy, match))
                .put("notSeen", ExplainAnswer.notSeen(NearCacheStatus.active(nearCache) != null));
        boolean credentials = request.header("Authorization") != null || principal != null;
        String keyPrincipal = null;
        if (credentials && policy.keyByPrincipal()) {
            keyPrincipal = principal != null ? "principal:" + principal
                    : RequestCredentials.ofAuthorization(request.header("Authorization"));
        }
        ResponseCacheKeyInput input = keys.input(policy, ExplainRequest.INPUTS, request, keyPrincipal,
                keys.variedHeaders().of(policy.endpoint().id()));
        String key = keys.key(input);
        answer.put("keyInputs", ExplainAnswer.keyInputs(input)).put("key", key)
                .put("tags", tags(policy, match));

        String cacheControl = honorsRequestDirectives ? request.header("Cache-Control") : null;
        Bypass bypass = bypass(policy, cacheControl, credentials);
        if (bypass != null) {
            answer.put("outcome", CacheOutcome.BYPASS.label()).put("bypass", bypass.reason())
                    .put("detail", bypass.detail() == null ? null : bypass.detail().token());
        }
        if (store.isOpen()) {
            answer.put("entry", new JsonObject().put("error", "not looked up: the store's breaker is open"));
            if (bypass == null) {
                // as the lookup handler: the reasons above come first
                answer.put("outcome", CacheOutcome.BYPASS.label()).put("detail", CacheDetail.STORE_UNAVAILABLE.token())
                        .put("bypass", "store-unavailable: the store's breaker is open, requests go to the endpoint");
            }
            return Uni.createFrom().item(answer);
        }
        boolean noCache = HttpCacheHeaders.hasDirective(cacheControl, "no-cache");
        return store.lookup(key)
                .map(lookup -> {
                    predict(answer, policy, lookup, bypass != null, noCache);
                    return answer;
                })
                .onFailure().recoverWithItem(failure -> {
                    answer.put("entry", new JsonObject().put("error", "the lookup failed: " + failure.getMessage()));
                    if (bypass == null) {
                        answer.put("outcome", CacheOutcome.BYPASS.label())
                                .put("detail", CacheDetail.STORE_UNAVAILABLE.token())
                                .put("bypass", "store-unavailable: the lookup failed or timed out");
                    }
                    return answer;
                });
    }

    /** @return the 404 answer for a URL no cached endpoint matches: the routes it could have matched */
    public JsonObject unmatched(String url) {
        return new JsonObject().put("error", "no cached endpoint matches GET " + url)
                .put("cachedEndpoints", routes.templates());
    }

    /**
     * @return why a request would bypass the cache whatever the store holds, or null. A disabled cache has no
     *         {@code Cache-Status} detail: it writes no status headers
     */
    private Bypass bypass(EndpointPolicy policy, String cacheControl, boolean credentials) {
        if (!enabled) {
            return new Bypass(null, "disabled: quarkus.response-cache.enabled=false (no status headers are written)");
        }
        if (!policy.enabled()) {
            return new Bypass(null, "disabled: quarkus.response-cache.endpoint.\"" + policy.endpoint().name()
                    + "\".enabled=false (no status headers are written)");
        }
        if (HttpCacheHeaders.hasDirective(cacheControl, "no-store")) {
            return new Bypass(CacheDetail.REQUEST_NO_STORE, "request-no-store: the request says Cache-Control: no-store");
        }
        if (credentials && !policy.keyByPrincipal()) {
            return new Bypass(CacheDetail.CREDENTIALS, "credentials: the request has a caller (Authorization, or an"
                    + " identity) and the endpoint is not keyed by principal (@ResponseCache(keyByPrincipal = true))");
        }
        return null;
    }

    /** @param detail the {@code Cache-Status} detail of the bypass, null when no status is written */
    private record Bypass(CacheDetail detail, String reason) {
    }

    /**
     * Adds the entry found and the outcome a lone request would have, as the live decision judges the entry. A stale
     * entry within its stale-while-revalidate window is predicted served when it is refreshed in the background;
     * otherwise the request computes it (requests arriving meanwhile get the stale entry).
     */
    private void predict(JsonObject answer, EndpointPolicy policy, StoreLookup lookup, boolean bypassed,
            boolean noCache) {
        EntryVerdict found = decisions.judge(policy, lookup);
        long now = clock.currentTimeMillis();
        CachedResponse admitted = found.entry();
        answer.put("entry", ExplainAnswer.entry(lookup, admitted, policy, now));
        if (bypassed) {
            return;
        }
        CacheOutcome outcome;
        CacheForward forward = null;
        CacheDetail detail;
        if (noCache) {
            outcome = CacheOutcome.MISS;
            forward = CacheDecisions.Start.REVALIDATE.forward();
            detail = CacheDecisions.Start.REVALIDATE.detail();
        } else if (found.fresh()) {
            outcome = CacheOutcome.HIT;
            detail = null;
        } else if (found.staleServable() && decisions.refreshesInBackground(policy)) {
            outcome = CacheOutcome.STALE;
            detail = CacheDetail.STALE;
        } else {
            outcome = CacheOutcome.MISS;
            forward = found.forward();
            detail = found.why();
        }
        answer.put("outcome", outcome.label()).put("detail", detail == null ? null : detail.token());
        StringBuilder status = CacheStatusHeaders.parameters(new StringBuilder(), outcome, forward, detail, false,
                admitted == null ? 0 : admitted.ttlSeconds(now));
        answer.put("cacheStatus", status.toString());
    }

    private static List<String> tags(EndpointPolicy policy, EndpointRoutes.Match match) {
        List<String> tags = new ArrayList<>(policy.tags().size());
        for (TagTemplate tag : policy.tags()) {
            tags.add(tag.renderWith(match.pathParameters()));
        }
        return tags;
    }

    /** @return the application's path below which Quarkus REST matches ({@code quarkus.rest.path}, ...) */
    private static String applicationPath() {
        var deployment = ResteasyReactiveRecorder.getCurrentDeployment();
        return deployment == null ? "" : deployment.getPrefix();
    }
}
