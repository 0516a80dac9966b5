package io.quarkiverse.responsecache.runtime.edge;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Fastly's purge by surrogate key: {@code POST /service/<id>/purge} with the API token in {@code Fastly-Key} and
 * {@code {"surrogate_keys":[...]}}, at most {@value #MAX_KEYS} keys a call; {@code Fastly-Soft-Purge: 1} for a soft
 * purge (the objects are marked stale rather than removed).
 */
final class FastlyLayer implements EdgeLayer {

    static final int MAX_KEYS = 256;

    private final URI purgeUrl;
    private final String token;
    private final EdgeHttp http;

    FastlyLayer(URI apiUrl, String serviceId, String token, EdgeHttp http) {
        this.purgeUrl = URI.create(withoutTrailingSlash(apiUrl) + "/service/"
                + URLEncoder.encode(serviceId, StandardCharsets.UTF_8) + "/purge");
        this.token = token;
        this.http = http;
    }

    @Override
    public String name() {
        return "fastly";
    }

    @Override
    public Uni<Void> purge(List<String> keys, boolean soft) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Fastly-Key", token);
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        if (soft) {
            headers.put("Fastly-Soft-Purge", "1");
        }
        List<Uni<Void>> calls = new ArrayList<>();
        for (List<String> batch : EdgeHttp.batches(keys, MAX_KEYS)) {
            JsonObject body = new JsonObject().put("surrogate_keys", new JsonArray(new ArrayList<>(batch)));
            calls.add(http.send(HttpMethod.POST, purgeUrl, headers, body.toBuffer()).replaceWithVoid());
        }
        return Uni.join().all(calls).andFailFast().replaceWithVoid();
    }

    static String withoutTrailingSlash(URI url) {
        String text = url.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
