package io.quarkiverse.responsecache.runtime.edge;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;

/**
 * An HTTP cache in front (Varnish with vmod xkey, or anything that purges by a header): one {@code PURGE} to its URL
 * whose header lists the keys, space-separated, in as many requests as keep that header short.
 */
final class HttpCacheLayer implements EdgeLayer {

    /** Well below Varnish's default {@code http_req_hdr_len} (8 KiB). */
    static final int MAX_HEADER_LENGTH = 4000;

    private final URI url;
    private final String purgeHeader;
    private final String softPurgeHeader;
    private final EdgeHttp http;

    HttpCacheLayer(URI url, String purgeHeader, String softPurgeHeader, EdgeHttp http) {
        this.url = url;
        this.purgeHeader = purgeHeader;
        this.softPurgeHeader = softPurgeHeader;
        this.http = http;
    }

    @Override
    public String name() {
        return url.toString();
    }

    @Override
    public Uni<Void> purge(List<String> keys, boolean soft) {
        String header = soft ? softPurgeHeader : purgeHeader;
        List<Uni<Void>> purges = new ArrayList<>(1);
        for (String value : headerValues(keys)) {
            purges.add(http.send(EdgeHttp.PURGE, url, Map.of(header, value), null).replaceWithVoid());
        }
        return purges.size() == 1 ? purges.get(0) : Uni.join().all(purges).andFailFast().replaceWithVoid();
    }

    /** @return the keys, space-separated, in values of at most {@link #MAX_HEADER_LENGTH} (a longer key alone) */
    static List<String> headerValues(List<String> keys) {
        List<String> values = new ArrayList<>(1);
        StringBuilder value = new StringBuilder();
        for (String key : keys) {
            if (!value.isEmpty() && value.length() + 1 + key.length() > MAX_HEADER_LENGTH) {
                values.add(value.toString());
                value.setLength(0);
            }
            value.append(value.isEmpty() ? "" : " ").append(key);
        }
        if (!value.isEmpty()) {
            values.add(value.toString());
        }
        return values;
    }
}
