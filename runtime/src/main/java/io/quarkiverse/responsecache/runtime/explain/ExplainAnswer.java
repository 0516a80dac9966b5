package io.quarkiverse.responsecache.runtime.explain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkiverse.responsecache.ResponseCacheKeyInput;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.http.HttpCacheHeaders;
import io.quarkiverse.responsecache.runtime.store.StoreLookup;
import io.quarkiverse.responsecache.spi.EntryMarks;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The parts of an explain answer, as JSON. */
final class ExplainAnswer {

    /** What the explain cannot see, since it runs neither the endpoint nor anything before it. */
    private static final String CALLER = "a caller set by a request filter or an authentication mechanism: give"
            + " principal=<name> to key as that caller; otherwise an Authorization header keys by its digest, as for a"
            + " request without an authenticated identity";
    private static final String NEAR_CACHE = "this instance's near cache: a request may be answered from it"
            + " (detail=near) while the store's entry is what is shown";
    private static final String UNCACHED = "uncached endpoints: a URL that an uncached endpoint with a more specific"
            + " path serves is matched to the cached one";
    private static final String FILTERS = "request filters that change the request (its path, headers or query) before"
            + " the key is made";
    private static final JsonArray NOT_SEEN = new JsonArray(List.of(CALLER, UNCACHED, FILTERS));
    private static final JsonArray NOT_SEEN_WITH_NEAR_CACHE = new JsonArray(List.of(CALLER, NEAR_CACHE, UNCACHED, FILTERS));

    private ExplainAnswer() {
    }

    /** @return what the answer cannot see; the near cache only when this application runs one */
    static JsonArray notSeen(boolean nearCacheInUse) {
        return nearCacheInUse ? NOT_SEEN_WITH_NEAR_CACHE : NOT_SEEN;
    }

    static JsonObject endpoint(EndpointPolicy policy, EndpointRoutes.Match match) {
        return new JsonObject().put("name", policy.endpoint().name()).put("id", policy.endpoint().id())
                .put("method", "GET").put("path", match.route().pathTemplate())
                .put("pathParameters", new JsonObject(new LinkedHashMap<>(match.pathParameters())))
                .put("enabled", policy.enabled()).put("keyRecipe", policy.endpoint().describeKey())
                .put("keyByPrincipal", policy.keyByPrincipal()).put("namespace", policy.endpoint().namespace())
                .put("expireSeconds", policy.expire().toSeconds())
                .put("staleWhileRevalidateSeconds", policy.staleWhileRevalidate().toSeconds())
                .put("staleIfErrorSeconds", policy.staleIfError().toSeconds());
    }

    /** @return every input the key builder received, name to the value used; empty parts left out */
    static JsonObject keyInputs(ResponseCacheKeyInput input) {
        JsonObject inputs = new JsonObject().put("endpoint", input.endpoint()).put("namespace", input.namespace())
                .put("path", input.path());
        putIfAny(inputs, "queryParameters", input.queryParameters());
        putIfAny(inputs, "varyHeaders", input.varyHeaders());
        putIfAny(inputs, "cookies", input.cookies());
        putIfAny(inputs, "mediaType", input.mediaType());
        putIfAny(inputs, "principal", input.principal());
        putIfAny(inputs, "scheme", input.scheme());
        putIfAny(inputs, "host", input.host());
        putIfAny(inputs, "queryString", input.queryString());
        return inputs;
    }

    /**
     * @param admitted the entry as the entry rules admit it, or null
     * @return what the key holds: an entry (its status, age, freshness left, size) or why there is none
     */
    static JsonObject entry(StoreLookup lookup, CachedResponse admitted, EndpointPolicy policy, long now) {
        byte[] stored = lookup.stored();
        JsonObject entry = new JsonObject().put("exists", admitted != null);
        if (stored == null) {
            return entry.put("holds", "nothing");
        }
        if (admitted == null) {
            String holds = EntryMarks.isTombstone(stored) ? "a tombstone: an eviction removed the entry recently"
                    : EntryMarks.isPlaceholder(stored) ? "a placeholder: a computation claimed the key"
                            : lookup.response() != null ? "an entry the entry rules reject (it is overwritten)"
                                    : "no readable entry (damaged, or signed with another key)";
            return entry.put("holds", holds).put("storedBytes", stored.length);
        }
        long freshFor = admitted.ttlSeconds(now);
        List<String> contentType = HttpCacheHeaders.values(admitted.headers(), "Content-Type");
        return entry.put("holds", "an entry").put("status", admitted.status()).put("fresh", admitted.isFresh(now))
                .put("ageSeconds", admitted.ageSeconds(now, policy.expire().toMillis()))
                .put("ttlSeconds", freshFor)
                .put("storedBytes", stored.length).put("bodyBytes", admitted.bodyLength())
                .put("etag", admitted.etag())
                .put("contentType", contentType.isEmpty() ? null : contentType.get(0))
                .put("storedBy", "not recorded in the entry")
                .put("entityTags", policy.endpoint().trackEntities() ? "not recorded in the entry" : null);
    }

    private static void putIfAny(JsonObject json, String name, Object value) {
        boolean empty = value instanceof String text ? text.isEmpty() : value instanceof Map<?, ?> map && map.isEmpty();
        if (!empty) {
            json.put(name, value instanceof Map<?, ?> map ? new JsonObject(new LinkedHashMap<>(castKeys(map))) : value);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castKeys(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
