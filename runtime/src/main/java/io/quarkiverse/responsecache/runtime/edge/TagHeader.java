package io.quarkiverse.responsecache.runtime.edge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.quarkiverse.responsecache.runtime.orm.EntityTags;

/**
 * The header that lists a response's keys, in the conventions and bounds of the layer that reads it ({@code Cache-Tag},
 * {@code Surrogate-Key}, xkey: Varnish's {@code http_resp_hdr_len} is 8 KiB a line). Keys that do not fit give way to
 * their entity types, then to {@link EdgeKeys#overflow()}: purged more often than needed, never less (see edge.adoc).
 */
public record TagHeader(String name, String separator, int maxLength, int maxKeyLength) {

    public static TagHeader named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "cache-tag" -> new TagHeader(name, ",", 16 * 1024, 1024);
            case "surrogate-key" -> new TagHeader(name, " ", 16 * 1024, 1024);
            default -> new TagHeader(name, " ", 8000, 8000);
        };
    }

    /** @param ownKeys the cache's own keys of the response (application, namespace, entry, URL), which come first */
    public String value(EdgeKeys keys, List<String> ownKeys, Collection<String> tags, Collection<String> entityTags) {
        Set<String> all = new LinkedHashSet<>(ownKeys);
        addEncoded(all, tags);
        addEncoded(all, entityTags);
        String joined = fitting(all);
        if (joined != null) {
            return joined;
        }
        Set<String> coarser = new LinkedHashSet<>(ownKeys);
        addEncoded(coarser, tags);
        for (String tag : entityTags) {
            coarser.add(EdgeKeys.of(typeOf(tag)));
        }
        joined = fitting(coarser);
        return joined != null ? joined : withOverflow(coarser, keys.overflow());
    }

    /** @return null when one key is too long or all are */
    private String fitting(Set<String> keys) {
        int length = 0;
        for (String key : keys) {
            int bytes = bytes(key);
            if (bytes > maxKeyLength) {
                return null;
            }
            length += bytes + (length == 0 ? 0 : separator.length());
        }
        return length <= maxLength ? String.join(separator, keys) : null;
    }

    /** Room is left for the overflow key, which ends the value. */
    private String withOverflow(Set<String> keys, String overflow) {
        int room = maxLength - separator.length() - bytes(overflow);
        List<String> kept = new ArrayList<>(keys.size());
        int length = 0;
        for (String key : keys) {
            int longer = length + (kept.isEmpty() ? 0 : separator.length()) + bytes(key);
            if (bytes(key) <= maxKeyLength && longer <= room) {
                kept.add(key);
                length = longer;
            }
        }
        kept.add(overflow);
        return String.join(separator, kept);
    }

    private static void addEncoded(Set<String> keys, Collection<String> tags) {
        for (String tag : tags) {
            keys.add(EdgeKeys.of(tag));
        }
    }

    /** @return what every write of that entity's type evicts */
    static String typeOf(String entityTag) {
        int hash = entityTag.indexOf('#', EntityTags.PREFIX.length());
        return hash > 0 ? entityTag.substring(0, hash) : entityTag;
    }

    private static int bytes(String key) {
        // keys are ASCII once encoded
        return key.length();
    }

    /** How a hit tells an entry that carries its keys. */
    public boolean isThisHeader(String header) {
        return name.equalsIgnoreCase(header);
    }
}
