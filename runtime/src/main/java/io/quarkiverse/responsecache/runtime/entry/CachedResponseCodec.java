package io.quarkiverse.responsecache.runtime.entry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkiverse.responsecache.runtime.http.HttpCacheHeaders;

/**
 * The versioned text format of an entry ({@code RC2}), readable with {@code redis-cli GET}; described in stores.adoc,
 * section "Entry format". Anything that does not parse decodes to {@code null}: a miss, never an exception.
 */
public final class CachedResponseCodec {

    static final String VERSION = "RC2";
    private static final byte NL = '\n';
    private static final byte SPACE = ' ';
    private static final byte[] VERSION_BYTES = (VERSION + " ").getBytes(StandardCharsets.US_ASCII);
    private static final String CONTENT_TYPE = "Content-Type";
    private static final byte SECTION = '+';

    private CachedResponseCodec() {
    }

    public static byte[] encode(CachedResponse response) {
        String contentType = "";
        StringBuilder head = new StringBuilder(96);
        head.append(VERSION).append(' ').append(response.status())
                .append(' ').append(Long.toString(response.expiresAtMillis(), 36))
                .append(' ').append(storedETag(response.etag()))
                .append(' ').append(response.bodyLength());
        if (response.storedAtMillis() != CachedResponse.STORED_AT_UNKNOWN) {
            head.append(' ').append(Long.toString(response.lifetimeMillis(), 36));
        }
        head.append('\n');
        StringBuilder otherHeaders = new StringBuilder();
        for (Map.Entry<String, String> header : response.headers()) {
            if (contentType.isEmpty() && CONTENT_TYPE.equalsIgnoreCase(header.getKey())) {
                contentType = header.getValue();
            } else {
                otherHeaders.append(header.getKey()).append(": ").append(header.getValue()).append('\n');
            }
        }
        head.append(contentType).append('\n').append(otherHeaders).append('\n');
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        EncodedBody encoded = response.encoded();
        byte[] section = encoded == null ? new byte[0]
                : ("+" + encoded.coding() + ' ' + encoded.length() + '\n').getBytes(StandardCharsets.US_ASCII);
        int end = headBytes.length + response.bodyLength();
        byte[] entry = new byte[end + section.length + (encoded == null ? 0 : encoded.length())];
        System.arraycopy(headBytes, 0, entry, 0, headBytes.length);
        System.arraycopy(response.source(), response.bodyOffset(), entry, headBytes.length, response.bodyLength());
        if (encoded != null) {
            System.arraycopy(section, 0, entry, end, section.length);
            System.arraycopy(encoded.source(), encoded.offset(), entry, end + section.length, encoded.length());
        }
        return entry;
    }

    public static CachedResponse decode(byte[] bytes) {
        if (bytes == null || !startsWithVersion(bytes)) {
            return null;
        }
        try {
            Reader reader = new Reader(bytes, VERSION_BYTES.length);
            int status = (int) reader.number(10, SPACE);
            long expiresAt = reader.number(36, SPACE);
            String storedETag = reader.text(SPACE);
            String etag = storedETag.isEmpty() ? null : replayedETag(storedETag);
            int length = (int) reader.number(10, SPACE, NL);
            long storedAt = CachedResponse.STORED_AT_UNKNOWN;
            if (bytes[reader.position - 1] == SPACE) {
                storedAt = expiresAt - reader.number(36, NL);
            }
            if (status < 100 || status > 599 || length < 0 || !HttpCacheHeaders.isEntityTag(etag)) {
                return null;
            }
            List<Map.Entry<String, String>> headers = new ArrayList<>(2);
            String contentType = reader.text(NL);
            if (!contentType.isEmpty()) {
                headers.add(Map.entry(CONTENT_TYPE, contentType));
            }
            String header;
            while (!(header = reader.text(NL)).isEmpty()) {
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    return null;
                }
                headers.add(Map.entry(header.substring(0, colon), header.substring(colon + 1).trim()));
            }
            int body = reader.position;
            if (bytes.length - body < length) {
                return null;
            }
            reader.position = body + length;
            EncodedBody encoded = null;
            while (reader.position < bytes.length) {
                if (bytes[reader.position++] != SECTION) {
                    return null;
                }
                String name = reader.text(SPACE);
                long size = reader.number(10, NL);
                if (bytes.length - reader.position < size) {
                    return null;
                }
                if (EncodedBody.GZIP.equals(name) && isGzip(bytes, reader.position, (int) size)) {
                    encoded = new EncodedBody(name, bytes, reader.position, (int) size);
                } else if (EncodedBody.GZIP.equals(name)) {
                    return null;
                }
                reader.position += (int) size;
            }
            // a hit writes the bodies from where they are
            return new CachedResponse(status, expiresAt, storedAt, etag, headers, bytes, body, length, encoded);
        } catch (RuntimeException notAnEntry) {
            return null;
        }
    }

    /** A weak tag {@code W/"x"} is stored as it is. */
    private static String storedETag(String etag) {
        return etag.length() > 2 && etag.charAt(0) == '"' && etag.charAt(etag.length() - 1) == '"'
                ? etag.substring(1, etag.length() - 1)
                : etag;
    }

    private static String replayedETag(String stored) {
        return stored.startsWith("W/") || stored.startsWith("\"") ? stored : '"' + stored + '"';
    }

    /** RFC 1952: ID1, ID2, deflate */
    private static boolean isGzip(byte[] bytes, int offset, int length) {
        return length >= 18 && bytes[offset] == (byte) 0x1f && bytes[offset + 1] == (byte) 0x8b
                && bytes[offset + 2] == 8;
    }

    private static boolean startsWithVersion(byte[] bytes) {
        if (bytes.length < VERSION_BYTES.length) {
            return false;
        }
        for (int i = 0; i < VERSION_BYTES.length; i++) {
            if (bytes[i] != VERSION_BYTES[i]) {
                return false;
            }
        }
        return true;
    }

    /** Reads numbers without a String per field. */
    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes, int position) {
            this.bytes = bytes;
            this.position = position;
        }

        long number(int radix, byte end) {
            return number(radix, end, end);
        }

        long number(int radix, byte end, byte otherEnd) {
            long value = 0;
            int start = position;
            while (position < bytes.length && bytes[position] != end && bytes[position] != otherEnd) {
                int digit = Character.digit(bytes[position++], radix);
                if (digit < 0 || value > (Long.MAX_VALUE - digit) / radix) {
                    throw new IllegalArgumentException("not a number");
                }
                value = value * radix + digit;
            }
            if (position == start || position == bytes.length) {
                throw new IllegalArgumentException("truncated entry");
            }
            position++;
            return value;
        }

        String text(byte end) {
            for (int i = position; i < bytes.length; i++) {
                if (bytes[i] == end) {
                    String text = new String(bytes, position, i - position, StandardCharsets.UTF_8);
                    position = i + 1;
                    return text;
                }
            }
            throw new IllegalArgumentException("truncated entry");
        }
    }
}
