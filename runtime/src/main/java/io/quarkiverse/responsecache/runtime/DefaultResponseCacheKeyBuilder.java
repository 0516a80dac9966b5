package io.quarkiverse.responsecache.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkiverse.responsecache.ResponseCacheKeyBuilder;
import io.quarkiverse.responsecache.ResponseCacheKeyInput;
import io.quarkus.arc.DefaultBean;

/**
 * The key builder used unless the application declares its own {@link ResponseCacheKeyBuilder} bean.
 * <p>
 * Keys read {@code <prefix>:<namespace>:<hash>}, the hash being 32 hex digits (128 bits) of the SHA-256 of the
 * endpoint, the path, the sorted query parameters, the vary headers, the negotiated media type and the principal.
 * Each part is length-prefixed (and each query parameter counts its values) before hashing, so no two different
 * inputs share a hash input: {@code ?a=b&c} and {@code ?a=b%26c} differ.
 */
@DefaultBean
@ApplicationScoped
public class DefaultResponseCacheKeyBuilder implements ResponseCacheKeyBuilder {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String prefix;

    @Inject
    public DefaultResponseCacheKeyBuilder(ResponseCacheConfig config) {
        this.prefix = config.prefix();
    }

    @Override
    public String build(ResponseCacheKeyInput input) {
        MessageDigest digest = HttpCacheHeaders.sha256();
        part(digest, input.endpoint());
        part(digest, input.path());
        for (Map.Entry<String, List<String>> parameter : input.queryParameters().entrySet()) {
            part(digest, parameter.getKey());
            number(digest, parameter.getValue().size());
            for (String value : parameter.getValue()) {
                part(digest, value);
            }
        }
        for (Map.Entry<String, String> header : input.varyHeaders().entrySet()) {
            part(digest, header.getKey());
            part(digest, header.getValue());
        }
        part(digest, input.mediaType());
        part(digest, input.principal());
        byte[] hash = digest.digest();
        StringBuilder key = new StringBuilder(prefix.length() + input.namespace().length() + 34);
        key.append(prefix).append(':').append(input.namespace()).append(':');
        for (int i = 0; i < 16; i++) {
            key.append(HEX[(hash[i] >> 4) & 0xF]).append(HEX[hash[i] & 0xF]);
        }
        return key.toString();
    }

    private static void part(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        number(digest, bytes.length);
        digest.update(bytes);
    }

    private static void number(MessageDigest digest, int value) {
        digest.update((byte) (value >>> 24));
        digest.update((byte) (value >>> 16));
        digest.update((byte) (value >>> 8));
        digest.update((byte) value);
    }
}
