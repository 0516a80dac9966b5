package io.quarkiverse.responsecache.runtime.edge;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Cloudflare's purge by cache tag: {@code POST /zones/<id>/purge_cache} with a bearer token and
 * {@code {"tags":[...]}}, at most {@value #MAX_TAGS} tags a call; the answer's {@code success} must be true.
 * Cloudflare has no soft purge by tag: a soft purge is a purge.
 */
final class CloudflareLayer implements EdgeLayer {

    /** Tags in one call: the limit Cloudflare's API documented for years, within the 100 of its current limits. */
    static final int MAX_TAGS = 30;

    private final URI purgeUrl;
    private final Map<String, String> headers;
    private final EdgeHttp http;

    CloudflareLayer(URI apiUrl, String zoneId, String token, EdgeHttp http) {
        this.purgeUrl = URI.create(FastlyLayer.withoutTrailingSlash(apiUrl) + "/zones/"
                + URLEncoder.encode(zoneId, StandardCharsets.UTF_8) + "/purge_cache");
        this.headers = Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json");
        this.http = http;
    }

    @Override
    public String name() {
        return "cloudflare";
    }

    @Override
    public Uni<Void> purge(List<String> keys, boolean soft) {
        List<Uni<Void>> calls = new ArrayList<>();
        for (List<String> batch : EdgeHttp.batches(keys, MAX_TAGS)) {
            JsonObject body = new JsonObject().put("tags", new JsonArray(new ArrayList<>(batch)));
            calls.add(http.send(HttpMethod.POST, purgeUrl, headers, body.toBuffer()).map(answer -> {
                if (!new JsonObject(answer).getBoolean("success", false)) {
                    throw new IllegalStateException("Cloudflare refused the purge: " + answer);
                }
                return null;
            }).replaceWithVoid());
        }
        return Uni.join().all(calls).andFailFast().replaceWithVoid();
    }
}
