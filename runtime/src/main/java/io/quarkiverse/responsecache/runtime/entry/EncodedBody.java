package io.quarkiverse.responsecache.runtime.entry;

import java.util.Arrays;
import java.util.Objects;

/**
 * A stored body in a content coding (RFC 9110 section 8.4.1), built once when the response was stored and kept beside
 * its identity body, so that a hit sends it as it is to a client that accepts the coding.
 *
 * @param coding the content coding, lower case ({@code gzip})
 * @param source the array that holds it, from {@code offset} for {@code length} bytes
 */
public record EncodedBody(String coding, byte[] source, int offset, int length) {

    public static final String GZIP = "gzip";

    public EncodedBody {
        Objects.requireNonNull(coding);
        Objects.checkFromIndexSize(offset, length, source.length);
    }

    public EncodedBody(String coding, byte[] bytes) {
        this(coding, bytes, 0, bytes.length);
    }

    /** @return a copy of the encoded bytes */
    public byte[] bytes() {
        return Arrays.copyOfRange(source, offset, offset + length);
    }

    /**
     * @return the strong (or weak) entity tag of this form, derived from the identity form's: the coding appended
     *         inside the quotes ({@code "abc"} becomes {@code "abc-gzip"}), so that the two forms never share a tag
     *         (RFC 9110 section 8.8.3)
     */
    public String etag(String identityETag) {
        return identityETag.substring(0, identityETag.length() - 1) + '-' + coding + '"';
    }
}
