package io.quarkiverse.responsecache.benchmark;

import java.lang.management.ManagementFactory;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;

/**
 * A reproducer for the Vert.x Redis client, with nothing of Quarkus or of the response cache: it GETs one value again
 * and again on one connection, one GET at a time, and prints what each GET allocates on the heap and how long it
 * takes, for a 64-byte and a 64 KiB value. A 64 KiB GET allocates about 11 times the value; the lower bound for a
 * client that hands the value over as a heap buffer is about once the value.
 * <p>
 * {@code java -cp benchmark/target/test-classes:$(cat benchmark/target/tools-classpath.txt)
 * io.quarkiverse.responsecache.benchmark.LargeGetReproducer <redis port>}
 */
public final class LargeGetReproducer {

    static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
            .getThreadMXBean();

    private LargeGetReproducer() {
    }

    static long allocated() {
        long total = 0;
        for (long bytes : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
            total += Math.max(0, bytes);
        }
        return total;
    }

    /** Diagnostics only: the length of the reply parser's buffer, found by walking the connection's fields. */
    static int parserBufferLength(Object root) {
        java.util.ArrayDeque<Object[]> todo = new java.util.ArrayDeque<>();
        java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        todo.add(new Object[] { root, 0 });
        while (!todo.isEmpty()) {
            Object[] next = todo.poll();
            Object object = next[0];
            int depth = (int) next[1];
            if (object == null || !seen.add(object) || depth > 6)
                continue;
            Class<?> type = object.getClass();
            if (type.getName().equals("io.vertx.redis.client.impl.ReadableBuffer")) {
                try {
                    java.lang.reflect.Field field = type.getDeclaredField("buffer");
                    field.setAccessible(true);
                    Buffer buffer = (Buffer) field.get(object);
                    return buffer == null ? 0 : buffer.length();
                } catch (ReflectiveOperationException e) {
                    return -1;
                }
            }
            if (!type.getName().startsWith("io.vertx") && !type.getName().startsWith("io.netty"))
                continue;
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (java.lang.reflect.Field field : c.getDeclaredFields()) {
                    if (field.getType().isPrimitive() || java.lang.reflect.Modifier.isStatic(field.getModifiers()))
                        continue;
                    try {
                        field.setAccessible(true);
                        todo.add(new Object[] { field.get(object), depth + 1 });
                    } catch (RuntimeException | IllegalAccessException ignored) {
                    }
                }
            }
        }
        return -1;
    }

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        RedisOptions options = new RedisOptions().setConnectionString("redis://127.0.0.1:" + args[0]);
        RedisConnection connection = Redis.createClient(vertx, options).connect().toCompletionStage().toCompletableFuture()
                .get();
        for (int size : new int[] { 64, 64 * 1024, 64, 64 * 1024 }) {
            String key = "repro:" + size;
            connection.send(Request.cmd(Command.SET).arg(key).arg(Buffer.buffer(new byte[size]))).toCompletionStage()
                    .toCompletableFuture().get();
            int gets = 5_000;
            for (int i = 0; i < 1000; i++) {
                // warm-up
                connection.send(Request.cmd(Command.GET).arg(key)).toCompletionStage().toCompletableFuture().get();
            }
            long before = allocated();
            long start = System.nanoTime();
            for (int i = 0; i < gets; i++) {
                int length = connection.send(Request.cmd(Command.GET).arg(key)).toCompletionStage().toCompletableFuture().get()
                        .toBuffer().length();
                if (length != size)
                    throw new IllegalStateException("got " + length);
            }
            long micros = (System.nanoTime() - start) / 1000 / gets;
            long perGet = (allocated() - before) / gets;
            System.out.printf(
                    "value %6d B: %8d B allocated per GET (%5.1fx the value), %5d us per GET; parser buffer holds %d B%n", size,
                    perGet,
                    perGet / (double) size, micros, parserBufferLength(connection));
        }
        connection.close();
        vertx.close();
    }
}
