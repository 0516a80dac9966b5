package io.quarkiverse.responsecache.runtime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link CachedResponse} into the bytes stored under its key, and back.
 * <p>
 * The format is text up to the body, so that {@code redis-cli GET <key>} shows a readable entry:
 *
 * <pre>
 * RC1                      format version
 * 200                      status
 * 1732780000000            stored at (epoch ms)
 * 1732780600000            fresh until (epoch ms)
 * "q1w2e3..."              ETag
 * 31                       body length
 * Content-Type: application/json
 * (more headers)
 *                          empty line
 * {"detail":"0.5846"}      body, exactly as sent
 * </pre>
 *
 * Anything that does not parse (another version, a truncated value, a value written by someone else under the
 * prefix) decodes to {@code null}: a miss, never an exception.
 */
public final class CachedResponseCodec {

    static final String VERSION = "RC1";
    private static final byte NL = '\n';

    private CachedResponseCodec() {
    }

    public static byte[] encode(CachedResponse response) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + response.body().length);
        line(out, VERSION);
        line(out, Integer.toString(response.status()));
        line(out, Long.toString(response.storedAtMillis()));
        line(out, Long.toString(response.expiresAtMillis()));
        line(out, response.etag());
        line(out, Integer.toString(response.body().length));
        for (Map.Entry<String, String> header : response.headers()) {
            line(out, header.getKey() + ": " + header.getValue());
        }
        out.write(NL);
        out.writeBytes(response.body());
        return out.toByteArray();
    }

    /**
     * @return the decoded response, or {@code null} when {@code bytes} is not an entry of this format
     */
    public static CachedResponse decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            Reader reader = new Reader(bytes);
            if (!VERSION.equals(reader.line())) {
                return null;
            }
            int status = Integer.parseInt(reader.line());
            long storedAt = Long.parseLong(reader.line());
            long expiresAt = Long.parseLong(reader.line());
            String etag = reader.line();
            int length = Integer.parseInt(reader.line());
            if (status < 100 || status > 599 || length < 0 || etag.isEmpty()) {
                return null;
            }
            List<Map.Entry<String, String>> headers = new ArrayList<>(4);
            String header;
            while (!(header = reader.line()).isEmpty()) {
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    return null;
                }
                headers.add(Map.entry(header.substring(0, colon), header.substring(colon + 1).trim()));
            }
            if (bytes.length - reader.position != length) {
                return null;
            }
            byte[] body = new byte[length];
            System.arraycopy(bytes, reader.position, body, 0, length);
            return new CachedResponse(status, storedAt, expiresAt, etag, headers, body);
        } catch (RuntimeException notAnEntry) {
            return null;
        }
    }

    private static void line(ByteArrayOutputStream out, String value) {
        out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        out.write(NL);
    }

    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        String line() {
            for (int i = position; i < bytes.length; i++) {
                if (bytes[i] == NL) {
                    String line = new String(bytes, position, i - position, StandardCharsets.UTF_8);
                    position = i + 1;
                    return line;
                }
            }
            throw new IllegalArgumentException("truncated entry");
        }
    }
}
