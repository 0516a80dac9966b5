package io.quarkiverse.responsecache.runtime.edge;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The keys the layers in front know a response by and purge by: its tags, and keys of the cache's own mirroring the
 * Redis indexes (see edge.adoc). Percent-encoded the same way in the header and in the purge.
 */
public final class EdgeKeys {

    private final String prefix;

    public EdgeKeys(String prefix) {
        this.prefix = encode(prefix);
    }

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

    public static String of(String tagOrEntryKey) {
        return encode(tagOrEntryKey);
    }

    /**
     * @param kind as {@code ResponseCacheEvents} names it
     * @return the keys of the names, and the overflow key; for {@code all}, the application's key alone
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
