package io.quarkiverse.responsecache.runtime.edge;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The keys the layers in front know a response by, and purge by. A response carries its tags and entity tags as they
 * are, and keys of the cache's own that mirror the Redis indexes, so that every kind of eviction has a key to purge:
 *
 * <pre>
 * response-cache                 every response of this application (evicting everything)
 * response-cache#ns:products     every response of a namespace
 * response-cache:products:Xy...  one response, by its entry key
 * response-cache#url:/items/42   every response of a URL path (only while evictions by URL are possible)
 * response-cache#overflow        a response whose keys did not all fit in the header: every purge names it too
 * </pre>
 *
 * A key holds visible ASCII only, never a comma or a space: any other byte of its UTF-8 form, and {@code %}, is
 * percent-encoded, the same way in the header and in the purge, so a tag {@code a b} is the key {@code a%20b}.
 */
public final class EdgeKeys {

    private final String prefix;

    public EdgeKeys(String prefix) {
        this.prefix = encode(prefix);
    }

    /** @return the key of every response of this application */
    public String all() {
        return prefix;
    }

    public String namespace(String namespace) {
        return prefix + "#ns:" + encode(namespace);
    }

    public String url(String path) {
        return prefix + "#url:" + encode(path);
    }

    public String overflow() {
        return prefix + "#overflow";
    }

    /** @return a tag, or an entry key, as a key */
    public static String of(String tagOrEntryKey) {
        return encode(tagOrEntryKey);
    }

    /**
     * @param kind what an eviction named, as {@code ResponseCacheEvents} says it: {@code key}, {@code tag},
     *        {@code namespace}, {@code url} or {@code all}
     * @return the keys to purge: those of the names, and the overflow key (any response that may hold them in its
     *         place); for {@code all}, the application's key alone
     */
    public List<String> purged(String kind, Collection<String> names) {
        if ("all".equals(kind)) {
            return List.of(all());
        }
        List<String> keys = new ArrayList<>(names.size() + 1);
        for (String name : names) {
            keys.add(switch (kind) {
                case "namespace" -> namespace(name);
                case "url" -> url(name);
                case "key", "tag" -> of(name);
                default -> throw new IllegalArgumentException("not a kind of eviction: " + kind);
            });
        }
        keys.add(overflow());
        return keys;
    }

    /** @return {@code value} with every byte outside visible ASCII, a comma and a percent sign percent-encoded */
    static String encode(String value) {
        if (isPlain(value)) {
            return value;
        }
        StringBuilder encoded = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (plain(c)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return encoded.toString();
    }

    private static boolean isPlain(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!plain(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean plain(int c) {
        return c > 0x20 && c < 0x7F && c != ',' && c != '%';
    }
}
