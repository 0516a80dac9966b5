package io.quarkiverse.responsecache.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * The Vert.x side of {@link RedisTestClient}: one connection, used blocking. Its signature holds JDK types only
 * ({@link Function}, {@link AutoCloseable}, {@code byte[]}, {@link List}), because RedisTestClient loads this class
 * through another class loader than its own: see {@link RedisTestClient}.
 * <p>
 * A command is its arguments' bytes; the reply comes back with simple strings as {@link String}, bulk strings as
 * {@code byte[]}, integers as {@link Long}, arrays as {@link List} and nil as {@code null}.
 */
final class VertxRedisConnection implements Function<List<byte[]>, Object>, AutoCloseable {

    private static final long TIMEOUT_MILLIS = 5000;

    private static Vertx vertx;

    private final String address;
    private final Redis redis;
    private final RedisConnection connection;

    private VertxRedisConnection(String host, int port) {
        address = host + ":" + port;
        redis = Redis.createClient(vertx(), new RedisOptions()
                .setConnectionString("redis://" + host + ":" + port)
                // no HELLO 3: replies keep the RESP2 shapes (no maps, doubles or booleans) the tests cast to
                .setProtocolNegotiation(false)
                .setPreferredProtocolVersion(ProtocolVersion.RESP2)
                .setMaxPoolSize(1)
                .setNetClientOptions(new NetClientOptions().setConnectTimeout((int) TIMEOUT_MILLIS)));
        try {
            connection = await(redis.connect());
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    /** Called reflectively by {@link RedisTestClient}. */
    static VertxRedisConnection open(String host, int port) {
        return new VertxRedisConnection(host, port);
    }

    @Override
    public Object apply(List<byte[]> arguments) {
        Request request = Request.cmd(Command.create(new String(arguments.get(0), StandardCharsets.UTF_8)));
        for (byte[] argument : arguments.subList(1, arguments.size())) {
            request.arg(argument);
        }
        return decode(await(connection.send(request)));
    }

    @Override
    public void close() {
        try {
            await(connection.close());
        } catch (RuntimeException ignored) {
            // a broken connection has nothing left to release
        } finally {
            redis.close();
        }
    }

    private <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new UncheckedIOException(new SocketTimeoutException(
                    "Redis at " + address + " did not answer within " + TIMEOUT_MILLIS + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Redis at " + address, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Response) {
                // an error reply: the connection stays usable
                throw new IllegalStateException("Redis error: " + cause.getMessage());
            }
            if (cause instanceof IOException) {
                throw new UncheckedIOException((IOException) cause);
            }
            throw new IllegalStateException("Redis at " + address + ": " + cause.getMessage(), cause);
        }
    }

    private static Object decode(Response reply) {
        if (reply == null) {
            return null;
        }
        switch (reply.type()) {
            case SIMPLE:
                return reply.toString();
            case ERROR:
                // only inside an array (e.g. the replies of EXEC): a top-level error fails the future instead
                throw new IllegalStateException("Redis error: " + reply);
            case NUMBER:
                return reply.toLong();
            case BULK:
                return reply.toBytes();
            case MULTI: {
                List<Object> items = new ArrayList<>(reply.size());
                for (int i = 0; i < reply.size(); i++) {
                    items.add(decode(reply.get(i)));
                }
                return items;
            }
            default:
                throw new IllegalStateException("Unexpected " + reply.type() + " reply in RESP2: " + reply);
        }
    }

    private static synchronized Vertx vertx() {
        if (vertx == null) {
            vertx = Vertx.vertx(new VertxOptions()
                    // never keeps the test JVM alive, and needs no close: it lives as long as the JVM
                    .setUseDaemonThread(true)
                    .setEventLoopPoolSize(1)
                    .setWorkerPoolSize(1)
                    .setInternalBlockingPoolSize(1)
                    // contexts would otherwise keep the calling test's class loader, i.e. a whole Quarkus application
                    .setDisableTCCL(true)
                    // nothing here reads files: no cache directory in the temp dir
                    .setFileSystemOptions(new FileSystemOptions()
                            .setFileCachingEnabled(false)
                            .setClassPathResolvingEnabled(false)));
        }
        return vertx;
    }
}
