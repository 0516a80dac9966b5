package io.quarkiverse.responsecache.runtime.key;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkiverse.responsecache.ResponseCacheKeyBuilder;
import io.quarkiverse.responsecache.ResponseCacheKeyInput;
import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.http.HttpCacheHeaders;
import io.quarkus.arc.DefaultBean;

/**
 * The key builder unless the application declares its own: {@code <prefix>:<namespace>:<hash>}. See architecture.adoc,
 * section "The request path" (Keys).
 */
@DefaultBean
@ApplicationScoped
public class DefaultResponseCacheKeyBuilder implements ResponseCacheKeyBuilder {

    private static final Base64.Encoder HASH_ENCODING = Base64.getUrlEncoder().withoutPadding();
    /** A digest and a scratch buffer per thread: keys are built on every request, on the event loops. */
    private static final ThreadLocal<Hasher> HASHERS = ThreadLocal.withInitial(Hasher::new);

    private final String prefix;
    /** The same input gives the same key: popular URLs are hashed once, not on every hit. */
    private final KeyMemo built = new KeyMemo();

    @Inject
    public DefaultResponseCacheKeyBuilder(ResponseCacheConfig config) {
        this.prefix = config.prefix();
    }

    @Override
    public String build(ResponseCacheKeyInput input) {
        int inputHash = input.hashCode();
        String key = built.get(input, inputHash);
        if (key == null) {
            key = hash(input);
            built.put(input, inputHash, key);
        }
        return key;
    }

    private String hash(ResponseCacheKeyInput input) {
        Hasher hasher = HASHERS.get();
        hasher.reset();
        hasher.part(input.endpoint());
        hasher.part(input.path());
        // each section says how many items it holds, so no item of one section can be read as part of the next
        hasher.number(input.queryParameters().size());
        for (Map.Entry<String, List<String>> parameter : input.queryParameters().entrySet()) {
            hasher.part(parameter.getKey());
            hasher.number(parameter.getValue().size());
            for (String value : parameter.getValue()) {
                hasher.part(value);
            }
        }
        hasher.number(input.varyHeaders().size());
        for (Map.Entry<String, String> header : input.varyHeaders().entrySet()) {
            hasher.part(header.getKey());
            hasher.part(header.getValue());
        }
        hasher.part(input.mediaType());
        hasher.part(input.principal());
        // the first parts read to their end on their own, so these may follow only when present without ambiguity
        if (!input.scheme().isEmpty() || !input.host().isEmpty() || !input.queryString().isEmpty()
                || !input.cookies().isEmpty()) {
            hasher.part(input.scheme());
            hasher.part(input.host());
            hasher.part(input.queryString());
            hasher.number(input.cookies().size());
            for (Map.Entry<String, String> cookie : input.cookies().entrySet()) {
                hasher.part(cookie.getKey());
                hasher.part(cookie.getValue());
            }
        }
        String hash = hasher.hash();
        return new StringBuilder(prefix.length() + input.namespace().length() + 2 + hash.length())
                .append(prefix).append(':').append(input.namespace()).append(':').append(hash).toString();
    }

    /** Feeds length-prefixed parts to a SHA-256 through a reused buffer. */
    private static final class Hasher {
        private final MessageDigest digest = HttpCacheHeaders.sha256();
        private byte[] buffer = new byte[256];
        private int size;

        void part(String value) {
            int length = value.length();
            if (!isAscii(value)) {
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                number(utf8.length);
                flush();
                digest.update(utf8);
                return;
            }
            number(length);
            ensure(length);
            for (int i = 0; i < length; i++) {
                buffer[size++] = (byte) value.charAt(i);
            }
        }

        /** Forgets anything a key that failed half-way left behind. */
        void reset() {
            size = 0;
            digest.reset();
        }

        void number(int value) {
            ensure(4);
            buffer[size++] = (byte) (value >>> 24);
            buffer[size++] = (byte) (value >>> 16);
            buffer[size++] = (byte) (value >>> 8);
            buffer[size++] = (byte) value;
        }

        /** @return 22 characters of URL-safe base64 of the first 128 bits of the digest; resets for the next key */
        String hash() {
            flush();
            byte[] hash = digest.digest();
            return HASH_ENCODING.encodeToString(Arrays.copyOf(hash, 16));
        }

        private void ensure(int more) {
            if (size + more > buffer.length) {
                flush();
                if (more > buffer.length) {
                    buffer = new byte[Math.max(more, buffer.length * 2)];
                }
            }
        }

        private void flush() {
            digest.update(buffer, 0, size);
            size = 0;
        }

        private static boolean isAscii(String value) {
            for (int i = 0; i < value.length(); i++) {
                if (value.charAt(i) >= 0x80) {
                    return false;
                }
            }
            return true;
        }
    }
}
