package io.quarkiverse.responsecache.runtime.coordination;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.edge.EdgeHeaders;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.entry.EntryRules;
import io.quarkiverse.responsecache.runtime.entry.StoredCompression;
import io.quarkiverse.responsecache.runtime.http.HttpCacheHeaders;
import io.quarkiverse.responsecache.runtime.key.RequestKeys;
import io.quarkiverse.responsecache.runtime.key.VariedHeaders;
import io.quarkiverse.responsecache.runtime.lifetime.ResponseLifetimes;
import io.quarkiverse.responsecache.spi.ResponseCacheClock;

/**
 * Decides, in one call ({@link #decide}), whether a response its request computed under a claim is stored, under which
 * key, with which ETag, lifetime and replayed headers. The table, in order:
 *
 * <pre>
 * body over max-body-size                       -> not stored
 * the claim's retention ran out                 -> not stored
 * status not cacheable for the endpoint         -> not stored
 * Set-Cookie, Cache-Control no-store or private -> not stored
 * Vary: * (or too many headers)                 -> not stored
 * Vary names a header the key lacks             -> learned; the key is made again with it
 * no lifetime (own max-age=0, a policy refuses) -> not stored
 * otherwise                                     -> stored: the endpoint's ETag when valid, else a strong ETag of the
 *                                                  body; the headers EntryRules keeps, and the edge keys
 * </pre>
 *
 * It sees the response as status, header lines and body bytes, never a REST context: the handler captures those and
 * carries the decision out (stores the entry under the claim, sends its headers).
 */
@Singleton
public class StoreDecisions {

    private final long maxBodySize;
    private final EntryRules rules;
    /** How long an entry stored under a claim may stay ({@link KeyClaims#retention}); not positive: not stored. */
    private final Function<KeyClaim, Duration> retention;
    private final VariedHeaders variedHeaders;
    private final ResponseLifetimes lifetimes;
    private final EdgeHeaders edge;
    private final ResponseCacheClock clock;

    @Inject
    public StoreDecisions(ResponseCacheConfig config, EntryRules rules, KeyClaims claims, RequestKeys keys,
            ResponseLifetimes lifetimes, EdgeHeaders edge, ResponseCacheClock clock) {
        this(config.maxBodySize().asLongValue(), rules, claims::retention, keys.variedHeaders(), lifetimes, edge,
                clock);
    }

    StoreDecisions(long maxBodySize, EntryRules rules, Function<KeyClaim, Duration> retention,
            VariedHeaders variedHeaders, ResponseLifetimes lifetimes, EdgeHeaders edge, ResponseCacheClock clock) {
        this.maxBodySize = maxBodySize;
        this.rules = rules;
        this.retention = retention;
        this.variedHeaders = variedHeaders;
        this.lifetimes = lifetimes;
        this.edge = edge;
        this.clock = clock;
    }

    /**
     * What the resource method produced, as it is about to be sent.
     *
     * @param headers the response's headers, one line per value
     * @param body the entity serialized, empty for none
     * @param entity what the resource method returned, before serialization, for the {@code ResponseCachePolicy} beans
     */
    public record Computed(int status, List<Map.Entry<String, String>> headers, byte[] body, Object entity) {
    }

    /**
     * @param request the request that computed the response, with its key and policy
     * @param claim the claim it took on its key
     * @param compression whether the body is also kept compressed, built once here for every hit
     * @param keyFor the request's key when it holds these learned headers too (a response's {@code Vary} taught them)
     */
    public StoreDecision decide(KeyedRequest request, KeyClaim claim, Computed response, StoredCompression compression,
            Function<Set<String>, String> keyFor) {
        String key = request.key();
        Set<String> varied = request.varied();
        EndpointPolicy policy = request.policy();
        int status = response.status();
        List<Map.Entry<String, String>> headers = response.headers();
        if (response.body().length > maxBodySize || !storable(claim, policy, status, headers)) {
            return StoreDecision.notStored(key, varied);
        }
        List<String> vary = HttpCacheHeaders.values(headers, "Vary");
        if (!vary.isEmpty()) {
            // the key holds every request header the response's own Vary names (RFC 9111 section 4.1)
            Set<String> keyed = variedHeaders.learn(policy, vary);
            if (keyed == null) {
                return StoreDecision.notStored(key, varied);
            }
            if (!keyed.equals(varied)) {
                key = keyFor.apply(keyed);
                varied = keyed;
            }
        }
        // the response's own say on its lifetime, the application's policies and the jitter; null: not stored
        Duration lifetime = lifetimes.of(policy, status, headers, response.entity());
        if (lifetime == null) {
            return StoreDecision.notStored(key, varied);
        }
        String etag = first(headers, "ETag");
        if (!HttpCacheHeaders.isEntityTag(etag)) {
            // the endpoint's own ETag when it set a valid one
            etag = HttpCacheHeaders.strongETag(response.body());
        }
        long now = clock.currentTimeMillis();
        List<Map.Entry<String, String>> replayed = replayable(status, headers);
        Map.Entry<String, String> edgeTags = edgeTags(request, claim, key);
        if (edgeTags != null) {
            // stored with the entry: a hit sends the keys its computation learned
            replayed.removeIf(header -> header.getKey().equalsIgnoreCase(edgeTags.getKey()));
            replayed.add(edgeTags);
        }
        CachedResponse entry = new CachedResponse(status, now + lifetime.toMillis(), now, etag, replayed,
                response.body())
                .withEncoded(compression.gzip(first(headers, "Content-Type"), first(headers, "Content-Encoding"),
                        response.body()));
        return new StoreDecision(key, varied, entry, edgeTags);
    }

    private boolean storable(KeyClaim claim, EndpointPolicy policy, int status,
            List<Map.Entry<String, String>> headers) {
        if (retention.apply(claim).toMillis() <= 0) {
            return false;
        }
        if (!rules.cacheableStatus(status, policy.lifetimes()) || first(headers, "Set-Cookie") != null) {
            return false;
        }
        String cacheControl = first(headers, "Cache-Control");
        return !HttpCacheHeaders.hasDirective(cacheControl, "no-store")
                && !HttpCacheHeaders.hasDirective(cacheControl, "private");
    }

    /** @return the header that lists the response's keys for the layers in front, or null when none is configured */
    private Map.Entry<String, String> edgeTags(KeyedRequest request, KeyClaim claim, String key) {
        if (!edge.tagsResponses()) {
            return null;
        }
        return edge.tagLine(key, request.policy().endpoint().namespace(), request.tags(),
                claim.reads() == null ? List.of() : claim.reads().tags(), request.path());
    }

    private List<Map.Entry<String, String>> replayable(int status, List<Map.Entry<String, String>> headers) {
        List<Map.Entry<String, String>> kept = new ArrayList<>(headers.size());
        for (Map.Entry<String, String> header : headers) {
            if (rules.keepsHeader(status, header.getKey(), header.getValue())) {
                kept.add(header);
            }
        }
        return kept;
    }

    private static String first(List<Map.Entry<String, String>> headers, String name) {
        List<String> values = HttpCacheHeaders.values(headers, name);
        return values.isEmpty() ? null : values.get(0);
    }
}
