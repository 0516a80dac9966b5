package io.quarkiverse.responsecache.runtime.entry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Whether a response is kept gzip-compressed beside its body when it is stored, decided as Quarkus decides whether to
 * compress it on the way out ({@code quarkus.http.enable-compression}, {@code quarkus.http.compress-media-types},
 * {@code @Compressed}, {@code @Uncompressed}), so that a hit sends the compressed form as it is instead of having the
 * server compress the same body again on every request.
 *
 * @param always the method is {@code @Compressed}: whatever its media type
 * @param mediaTypes the media types compressed otherwise ({@code type/subtype}, lower case)
 * @param level the deflate level, that of {@code quarkus.http.compression-level} (Vert.x's 6 by default)
 */
public record StoredCompression(boolean always, Set<String> mediaTypes, int level) {

    /** Nothing is compressed: compression is off, or the method is {@code @Uncompressed}. */
    public static final StoredCompression NONE = new StoredCompression(false, Set.of(), 6);

    /**
     * @param contentType the response's {@code Content-Type}, or null
     * @param contentEncoding the response's own {@code Content-Encoding}, or null: an encoded body is never encoded again
     * @return the gzip form of {@code body}, or null when it is not compressed. A small body is compressed too, even
     *         when that makes it larger: it is what the server would send
     */
    public EncodedBody gzip(String contentType, String contentEncoding, byte[] body) {
        if (contentEncoding != null || body.length == 0 || !(always || compresses(contentType))) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 4));
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192) {
            {
                def.setLevel(level);
            }
        }) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EncodedBody(EncodedBody.GZIP, out.toByteArray());
    }

    private boolean compresses(String contentType) {
        if (contentType == null || mediaTypes.isEmpty()) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim();
        return mediaTypes.contains(mediaType.toLowerCase(Locale.ROOT));
    }
}
