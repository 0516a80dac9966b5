package io.quarkiverse.responsecache.testing;

import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A blocking Redis client, so tests can look at Redis the way {@code redis-cli} does, from any test (including those
 * that run against a packaged application, where nothing can be injected). It speaks RESP2, like {@code redis-cli},
 * through the Vert.x Redis client; call it from test threads only, never from an event loop.
 * <p>
 * Replies: simple strings and bulk strings as {@link String} (bulk strings also via {@link #bytes}), integers as
 * {@link Long}, arrays as {@link List}, nil as {@code null}; an error reply throws {@link IllegalStateException}, a
 * connection that fails or a Redis that answers nothing within 5 seconds {@link UncheckedIOException}.
 * <p>
 * All clients of the JVM share one daemon Vert.x instance. Quarkus tests load this class once per application class
 * loader, and each such loader brings a Vert.x of its own; so the Vert.x side ({@link VertxRedisConnection}) is
 * loaded through the system class loader when that one sees Vert.x (as under Surefire and Failsafe), and only
 * otherwise through this class's loader. Its Vert.x instance then never pins a finished test's application.
 */
public final class RedisTestClient implements AutoCloseable {

    private static final Method OPEN = openMethod();

    private final Function<List<byte[]>, Object> connection;

    public RedisTestClient(String host, int port) {
        connection = open(host, port);
    }

    /** @return a client of the Redis a {@code redis://host:port} URL names */
    public static RedisTestClient of(String url) {
        String hostAndPort = url.replaceFirst("^redis://", "").replaceFirst("/.*$", "");
        int colon = hostAndPort.lastIndexOf(':');
        return new RedisTestClient(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
    }

    /** Sends one command and returns its decoded reply, bulk strings as UTF-8 text. */
    public Object command(String... arguments) {
        return text(connection.apply(encode(arguments)));
    }

    /** Sends one command whose reply is a bulk string and returns its bytes, or null. */
    public byte[] bytes(String... arguments) {
        return (byte[]) connection.apply(encode(arguments));
    }

    /** Sends one command with a binary last argument, e.g. {@code SET key <bytes>}. */
    public Object commandWithBinaryValue(byte[] value, String... arguments) {
        List<byte[]> command = encode(arguments);
        command.add(value);
        return text(connection.apply(command));
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

    @Override
    public void close() {
        try {
            ((AutoCloseable) connection).close();
        } catch (Exception ignored) {
            // nothing left to release
        }
    }

    private static List<byte[]> encode(String... arguments) {
        List<byte[]> command = new ArrayList<>(arguments.length + 1);
        for (String argument : arguments) {
            command.add(argument.getBytes(StandardCharsets.UTF_8));
        }
        return command;
    }

    /** @return the reply with its bulk strings turned into UTF-8 text */
    private static Object text(Object reply) {
        if (reply instanceof byte[]) {
            return new String((byte[]) reply, StandardCharsets.UTF_8);
        }
        if (reply instanceof List) {
            List<Object> items = new ArrayList<>(((List<?>) reply).size());
            for (Object item : (List<?>) reply) {
                items.add(text(item));
            }
            return items;
        }
        return reply;
    }

    @SuppressWarnings("unchecked")
    private static Function<List<byte[]>, Object> open(String host, int port) {
        try {
            return (Function<List<byte[]>, Object>) OPEN.invoke(null, host, port);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            if (e.getCause() instanceof Error) {
                throw (Error) e.getCause();
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Method openMethod() {
        // by name: a class literal would load the Vert.x side through this class's loader as well
        String name = RedisTestClient.class.getPackageName() + ".VertxRedisConnection";
        Class<?> implementation;
        try {
            implementation = Class.forName(name, true, ClassLoader.getSystemClassLoader());
            // the system class loader may see this module without its Vert.x dependency
            Class.forName("io.vertx.redis.client.Redis", false, implementation.getClassLoader());
        } catch (ClassNotFoundException | LinkageError notThere) {
            try {
                implementation = Class.forName(name, true, RedisTestClient.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            Method open = implementation.getDeclaredMethod("open", String.class, int.class);
            // another class loader is another runtime package: package-private access needs this
            open.setAccessible(true);
            return open;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
