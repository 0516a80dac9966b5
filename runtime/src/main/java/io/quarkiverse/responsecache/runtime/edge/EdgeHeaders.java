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
 * What a cached response tells the layers in front: the keys they purge it by ({@code edge.tag-header}), and how long
 * they may keep it ({@code edge.max-age}).
 * <p>
 * The keys are rendered once, when the response is stored, and stored with it as one of its headers: a hit replays
 * them as they were, entity tags included, which only the computation knew. An entry stored without them (before the
 * header was configured, or under another header name) is a miss while they are configured, so no response goes out
 * without its keys.
 */
@Singleton
public class EdgeHeaders {

    private final EdgeKeys keys;
    /** The header's conventions; null when responses carry no keys. */
    private final TagHeader tagHeader;
    private final String cacheControlHeader;
    /** The value of {@link #cacheControlHeader}; null when none is sent. */
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

    /** @return whether stored responses carry their keys */
    public boolean tagsResponses() {
        return tagHeader != null;
    }

    /**
     * @param key the entry's key
     * @param tags the response's tags, rendered from its endpoint's templates
     * @param entityTags the tags entity tracking gave it
     * @return the header line that lists the response's keys, to store and send with it; null when none is configured
     */
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

    /** @return whether a stored entry may be replayed: it carries its keys, or none are configured */
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

    /**
     * Writes how long the layers in front may keep the response, unless it is private (RFC 9213: a targeted field wins
     * over {@code Cache-Control} for the caches it targets, so it must never make them keep a private response).
     */
    public void cacheControl(boolean privateResponse, BiConsumer<String, String> headers) {
        if (cacheControl != null && !privateResponse) {
            headers.accept(cacheControlHeader, cacheControl);
        }
    }
}
