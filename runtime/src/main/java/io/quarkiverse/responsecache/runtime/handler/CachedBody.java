package io.quarkiverse.responsecache.runtime.handler;

import java.nio.charset.StandardCharsets;

import io.quarkiverse.responsecache.runtime.entry.CachedResponse;

/**
 * The entity of a cached endpoint's response from the moment it is serialized: on a hit the stored body, on a miss the
 * body just serialized for storing. Response filters and writer interceptors see this entity on a miss as on a hit.
 * {@link #toString()} gives the body as UTF-8 text, so a filter that appends to a text entity works on both.
 */
public final class CachedBody {

    private final byte[] source;
    private final int offset;
    private final int length;

    CachedBody(CachedResponse stored) {
        this(stored.source(), stored.bodyOffset(), stored.bodyLength());
    }

    CachedBody(byte[] source, int offset, int length) {
        this.source = source;
        this.offset = offset;
        this.length = length;
    }

    /** @return the array the body is a range of, from {@link #offset()} for {@link #length()} bytes; never modify it */
    byte[] source() {
        return source;
    }

    int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    /** @return a copy of the serialized body */
    public byte[] toByteArray() {
        byte[] copy = new byte[length];
        System.arraycopy(source, offset, copy, 0, length);
        return copy;
    }

    /** @return the body decoded as UTF-8 */
    @Override
    public String toString() {
        return new String(source, offset, length, StandardCharsets.UTF_8);
    }
}
