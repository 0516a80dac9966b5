package io.quarkiverse.responsecache.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A throwaway {@code redis-server} child process on a free loopback port, with nothing persisted. Tests use it to
 * talk to a real Redis, and to stop, pause and restart it on purpose.
 */
public final class RedisServerProcess implements AutoCloseable {

    private final int port;
    private final List<String> extraArguments;
    /** The working directory of the running process (the log is there); a new one at each launch. */
    private Path directory;
    /**
     * Where the running process is kept: a JVM-wide slot, because Quarkus tests load this class once per class loader
     * and every copy must stop, freeze or restart the same process.
     */
    private final String processSlot;

    private RedisServerProcess(int port, List<String> extraArguments) {
        this.port = port;
        this.extraArguments = List.copyOf(extraArguments);
        this.processSlot = "response-cache.tests.redis-process." + port;
    }

    /**
     * The server of this name, started on first use; later calls, from any class loader of the JVM, return a handle
     * to the same process.
     */
    public static RedisServerProcess shared(String name, String... extraArguments) {
        String portProperty = "response-cache.tests.redis-port." + name;
        synchronized (System.getProperties()) {
            String port = System.getProperty(portProperty);
            if (port != null) {
                return new RedisServerProcess(Integer.parseInt(port), List.of(extraArguments));
            }
            RedisServerProcess server = start(extraArguments);
            System.setProperty(portProperty, Integer.toString(server.port()));
            return server;
        }
    }

    private Process process() {
        return (Process) System.getProperties().get(processSlot);
    }

    private void process(Process process) {
        if (process == null) {
            System.getProperties().remove(processSlot);
        } else {
            System.getProperties().put(processSlot, process);
        }
    }

    /** @return whether a {@code redis-server} executable is on the PATH */
    public static boolean available() {
        return executable() != null;
    }

    /** Starts a server on a free port and waits until it answers {@code PING}. */
    public static RedisServerProcess start(String... extraArguments) {
        return start(freePort(), extraArguments);
    }

    /** Starts a server on {@code port} and waits until it answers {@code PING}. */
    public static RedisServerProcess start(int port, String... extraArguments) {
        RedisServerProcess server = new RedisServerProcess(port, List.of(extraArguments));
        server.launch();
        return server;
    }

    public int port() {
        return port;
    }

    /** @return {@code redis://127.0.0.1:<port>} */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** @return a client for this server's port */
    public RedisTestClient client() {
        return new RedisTestClient("127.0.0.1", port);
    }

    /** Kills the server at once (SIGKILL), as a crash would. */
    public void kill() {
        Process process = process();
        if (process != null) {
            process.destroyForcibly();
            waitFor(process);
            process(null);
        }
    }

    /** Starts the server again on the same port, empty. */
    public void restart() {
        kill();
        launch();
    }

    /** Freezes the server (SIGSTOP): it keeps its connections but answers nothing, like a stalled Redis. */
    public void pause() {
        signal("STOP");
    }

    /** Lets a paused server go on (SIGCONT). */
    public void unpause() {
        signal("CONT");
    }

    @Override
    public void close() {
        Process process = process();
        if (process != null) {
            process.destroy();
            waitFor(process);
            process(null);
        }
    }

    private void launch() {
        String executable = executable();
        if (executable == null) {
            throw new IllegalStateException("redis-server is not on the PATH; install it (apt-get install -y redis-server)"
                    + " or point the tests at a Redis with QUARKUS_REDIS_HOSTS");
        }
        try {
            directory = Files.createTempDirectory("redis-" + port + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(executable, "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no",
                "--dir", directory.toString()));
        command.addAll(extraArguments);
        Process started;
        try {
            started = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process(started);
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (RedisTestClient client = client()) {
                if ("PONG".equals(client.command("PING"))) {
                    return;
                }
            } catch (RuntimeException notYet) {
                sleep();
            }
        }
        throw new IllegalStateException("redis-server on port " + port + " did not start; see "
                + directory.resolve("redis.log"));
    }

    private void signal(String signal) {
        Process process = process();
        if (process == null) {
            throw new IllegalStateException("redis-server on port " + port + " is not running");
        }
        try {
            int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill -" + signal + " failed with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String executable() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, "redis-server");
            if (candidate.canExecute()) {
                return candidate.getAbsolutePath();
            }
        }
        return null;
    }

    /** @return a loopback port nothing listens on right now */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void waitFor(Process process) {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
