package io.quarkiverse.responsecache.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A blocking RESP client of a few dozen lines, so tests can look at Redis the way {@code redis-cli} does, from any
 * test (including those that run against a packaged application, where nothing can be injected).
 * <p>
 * Replies: simple strings and bulk strings as {@link String} (bulk strings also via {@link #bytes}), integers as
 * {@link Long}, arrays as {@link List}, nil as {@code null}; an error reply throws.
 */
public final class RedisTestClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RedisTestClient(String host, int port) {
        try {
            socket = new Socket(host, port);
            socket.setSoTimeout(5000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a client of the Redis a {@code redis://host:port} URL names */
    public static RedisTestClient of(String url) {
        String hostAndPort = url.replaceFirst("^redis://", "").replaceFirst("/.*$", "");
        int colon = hostAndPort.lastIndexOf(':');
        return new RedisTestClient(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
    }

    /** Sends one command and returns its decoded reply, bulk strings as UTF-8 text. */
    public Object command(String... arguments) {
        return decode(send(arguments), false);
    }

    /** Sends one command whose reply is a bulk string and returns its bytes, or null. */
    public byte[] bytes(String... arguments) {
        return (byte[]) decode(send(arguments), true);
    }

    /** Sends one command with a binary last argument, e.g. {@code SET key <bytes>}. */
    public Object commandWithBinaryValue(byte[] value, String... arguments) {
        try {
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("*" + (arguments.length + 1) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (String argument : arguments) {
                bulk(request, argument.getBytes(StandardCharsets.UTF_8));
            }
            bulk(request, value);
            out.write(request.toByteArray());
            out.flush();
            return decode(in.read(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public List<String> keys(String pattern) {
        // SCAN, not KEYS: the same habit the product follows
        List<String> keys = new ArrayList<>();
        String cursor = "0";
        do {
            List<Object> reply = (List<Object>) command("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
            cursor = (String) reply.get(0);
            for (Object key : (List<Object>) reply.get(1)) {
                keys.add((String) key);
            }
        } while (!"0".equals(cursor));
        return keys;
    }

    private int send(String... arguments) {
        try {
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("*" + arguments.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (String argument : arguments) {
                bulk(request, argument.getBytes(StandardCharsets.UTF_8));
            }
            out.write(request.toByteArray());
            out.flush();
            return in.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void bulk(ByteArrayOutputStream request, byte[] value) {
        request.writeBytes(("$" + value.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(value);
        request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private Object decode(int type, boolean binary) {
        try {
            switch (type) {
                case '+':
                    return line();
                case '-':
                    throw new IllegalStateException("Redis error: " + line());
                case ':':
                    return Long.parseLong(line());
                case '$': {
                    int length = Integer.parseInt(line());
                    if (length < 0) {
                        return null;
                    }
                    byte[] value = in.readNBytes(length);
                    in.readNBytes(2);
                    return binary ? value : new String(value, StandardCharsets.UTF_8);
                }
                case '*': {
                    int count = Integer.parseInt(line());
                    if (count < 0) {
                        return null;
                    }
                    List<Object> items = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        items.add(decode(in.read(), binary));
                    }
                    return items;
                }
                default:
                    throw new IllegalStateException("Unexpected RESP type byte " + type);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\r') {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            line.write(b);
        }
        in.read();
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
