package io.quarkiverse.responsecache.runtime.key;

import java.util.concurrent.atomic.AtomicReferenceArray;

import io.quarkiverse.responsecache.ResponseCacheKeyInput;

/**
 * The keys built last, by their whole input, so a popular URL is hashed once. See architecture.adoc, section "The
 * request path" (What a hit does not redo).
 */
final class KeyMemo {

    /** Slots, a power of two: a few hundred bytes each at most, for inputs of ordinary size. */
    static final int SLOTS = 1024;
    /** Longer paths or query strings are not kept: a slot stays small. */
    private static final int MAX_KEPT_LENGTH = 512;

    private final AtomicReferenceArray<Slot> slots = new AtomicReferenceArray<>(SLOTS);

    /** @return the key built last for an input equal to {@code input}, or null */
    String get(ResponseCacheKeyInput input, int hash) {
        Slot slot = slots.getPlain(hash & (SLOTS - 1));
        return slot != null && slot.hash == hash && slot.input.equals(input) ? slot.key : null;
    }

    void put(ResponseCacheKeyInput input, int hash, String key) {
        if (!input.cookies().isEmpty() || input.path().length() > MAX_KEPT_LENGTH
                || input.queryString().length() > MAX_KEPT_LENGTH) {
            return;
        }
        // a plain write: a reader sees the slot or an older one, and a slot's fields are final
        slots.setPlain(hash & (SLOTS - 1), new Slot(unshared(input), hash, key));
    }

    /** An input's maps are views of its builder's, which a caller might go on filling. */
    private static ResponseCacheKeyInput unshared(ResponseCacheKeyInput input) {
        if (input.queryParameters().isEmpty() && input.varyHeaders().isEmpty()) {
            return input;
        }
        ResponseCacheKeyInput.Builder copy = ResponseCacheKeyInput.forEndpoint(input.endpoint())
                .namespace(input.namespace()).path(input.path()).mediaType(input.mediaType())
                .principal(input.principal()).scheme(input.scheme()).host(input.host())
                .queryString(input.queryString());
        input.queryParameters().forEach((name, values) -> values.forEach(value -> copy.queryParameter(name, value)));
        input.varyHeaders().forEach(copy::varyHeader);
        return copy.build();
    }

    private record Slot(ResponseCacheKeyInput input, int hash, String key) {
    }
}
