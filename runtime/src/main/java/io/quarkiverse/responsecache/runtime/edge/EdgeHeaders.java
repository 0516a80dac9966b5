package io.quarkiverse.responsecache.runtime.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.invalidation.EntryIndexes;

/**
 * The keys the layers in front purge a response by, rendered once when stored (entity tags are known only then), and
 * how long they may keep it.
 */
@Singleton
public class EdgeHeaders {

    private final EdgeKeys keys;
    /** Null when responses carry no keys. */
    private final TagHeader tagHeader;
    private final String cacheControlHeader;
    private final String cacheControl;
    private final EntryIndexes indexes;

    @Inject
    public EdgeHeaders(ResponseCacheConfig config, EntryIndexes indexes) {
        this.keys = new EdgeKeys(config.prefix());
        this.tagHeader = config.edge().tagHeader().map(TagHeader::named).orElse(null);
        this.cacheControlHeader = config.edge().cacheControlHeader();
        this.cacheControl = config.edge().maxAge().map(age -> "max-age=" + age.toSeconds()).orElse(null);
        this.indexes = indexes;
    }

    public boolean tagsResponses() {
        return tagHeader != null;
    }

    public Map.Entry<String, String> tagLine(String key, String namespace, List<String> tags, List<String> entityTags,
            String path) {
        if (tagHeader == null) {
            return null;
        }
        List<String> own = new ArrayList<>(4);
        own.add(keys.all());
        own.add(keys.namespace(namespace));
        own.add(EdgeKeys.of(key));
        if (indexes.indexesUrls()) {
            own.add(keys.url(path));
        }
        return Map.entry(tagHeader.name(), tagHeader.value(keys, own, tags, entityTags));
    }

    public boolean carriesTags(CachedResponse entry) {
        if (tagHeader == null) {
            return true;
        }
        for (Map.Entry<String, String> header : entry.headers()) {
            if (tagHeader.isThisHeader(header.getKey())) {
                return true;
            }
        }
        return false;
    }

    /** RFC 9213: a targeted field wins over {@code Cache-Control}, so it must never make them keep a private response. */
    public void cacheControl(boolean privateResponse, BiConsumer<String, String> headers) {
        if (cacheControl != null && !privateResponse) {
            headers.accept(cacheControlHeader, cacheControl);
        }
    }
}
