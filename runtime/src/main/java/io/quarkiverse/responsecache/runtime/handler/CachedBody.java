package io.quarkiverse.responsecache.runtime.handler;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.entry.EncodedBody;

/**
 * The entity of a cached endpoint's response from the moment it is serialized: on a hit the stored body, on a miss the
 * body just serialized for storing. Response filters and writer interceptors see this entity on a miss as on a hit.
 * {@link #toString()} gives the body as UTF-8 text, so a filter that appends to a text entity works on both. What is
 * written may be the stored compressed form of the body instead ({@link StoredEncoding}).
 */
public final class CachedBody {

    private final byte[] source;
    private final int offset;
    private final int length;
    /** The stored compressed form of the body, or null. */
    private final EncodedBody encoded;
    /** The compressed form to write instead of the body, or null. */
    private EncodedBody sent;
    /** The body outside the heap (a near-cache copy of a large body), or null. */
    private ByteBuffer direct;

    CachedBody(CachedResponse stored) {
        this(stored.source(), stored.bodyOffset(), stored.bodyLength(), stored.encoded());
        this.direct = stored.directBody();
    }

    CachedBody(byte[] source, int offset, int length, EncodedBody encoded) {
        this.source = source;
        this.offset = offset;
        this.length = length;
        this.encoded = encoded;
    }

    EncodedBody encoded() {
        return encoded;
    }

    void send(EncodedBody encoded) {
        this.sent = encoded;
    }

    /** @return the compressed form the response carries instead of the body, or null */
    EncodedBody sent() {
        return sent;
    }

    /** @return the array the body is a range of, from {@link #offset()} for {@link #length()} bytes; never modify it */
    byte[] source() {
        return source;
    }

    /** @return the body outside the heap, shared by every hit of its entry (read a duplicate), or null */
    ByteBuffer direct() {
        return direct;
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
