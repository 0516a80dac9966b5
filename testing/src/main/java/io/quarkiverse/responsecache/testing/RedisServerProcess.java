package io.quarkiverse.responsecache.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jboss.logging.Logger;

/**
 * A throwaway {@code redis-server} child process on a free loopback port, with nothing persisted. Tests use it to
 * talk to a real Redis, and to stop, pause and restart it on purpose.
 * <p>
 * The executable is the {@code redis-server} on the PATH when there is one; otherwise the one shipped as a resource
 * of {@code com.github.codemonstur:embedded-redis} (Redis 6.2), copied once per JVM to a temporary file. Only that
 * binary is taken from the library: this class starts, signals and stops the process itself. The environment
 * variable {@value #EXECUTABLE_ENV} (or the system property {@value #EXECUTABLE_PROPERTY}) overrides the choice:
 * {@code embedded} always takes the shipped binary, e.g. to test the fallback on a machine that has Redis installed;
 * {@code path} only takes the one on the PATH; anything else is the file name of the {@code redis-server} to run.
 */
public final class RedisServerProcess implements AutoCloseable {

    /** Overrides where the {@code redis-server} executable comes from; see the class comment. */
    public static final String EXECUTABLE_ENV = "RESPONSE_CACHE_TESTS_REDIS_SERVER";
    /** The system property equivalent of {@link #EXECUTABLE_ENV}; it wins over the environment variable. */
    public static final String EXECUTABLE_PROPERTY = "response-cache.tests.redis-server";
    /**
     * The executable chosen for this JVM: kept in a system property because every class loader that loads this class
     * must pick, and copy out, the binary only once.
     */
    private static final String CHOSEN_EXECUTABLE_PROPERTY = "response-cache.tests.redis-server.chosen";

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

    /**
     * The server's process, shared by every class loader of the JVM through a system property that holds its pid:
     * only strings go there, since libraries read every system property as one (Narayana's configuration does).
     */
    private ProcessHandle process() {
        String pid = System.getProperty(processSlot);
        return pid == null ? null : ProcessHandle.of(Long.parseLong(pid)).orElse(null);
    }

    private void process(ProcessHandle process) {
        if (process == null) {
            System.clearProperty(processSlot);
        } else {
            System.setProperty(processSlot, Long.toString(process.pid()));
        }
    }

    /** @return whether a {@code redis-server} can be started: one on the PATH, or the embedded one for this platform */
    public static boolean available() {
        String choice = choice();
        if ("path".equals(choice)) {
            return onPath() != null;
        }
        if ("embedded".equals(choice)) {
            return embeddedResource() != null;
        }
        if (choice != null) {
            return new File(choice).canExecute();
        }
        return onPath() != null || embeddedResource() != null;
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
        ProcessHandle process = process();
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
        ProcessHandle process = process();
        if (process != null) {
            process.destroy();
            waitFor(process);
            process(null);
        }
    }

    private void launch() {
        String executable = executable();
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
        process(started.toHandle());
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        // generous: on a busy machine the first connection also boots the shared Vert.x instance
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
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
        ProcessHandle process = process();
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

    /** @return the {@code redis-server} this JVM runs, chosen (and, if embedded, copied out) on first use */
    private static String executable() {
        synchronized (System.getProperties()) {
            String chosen = System.getProperty(CHOSEN_EXECUTABLE_PROPERTY);
            if (chosen != null) {
                return chosen;
            }
            String choice = choice();
            String source;
            if ("path".equals(choice)) {
                chosen = onPath();
                source = "from the PATH (" + EXECUTABLE_ENV + "=path)";
                if (chosen == null) {
                    throw new IllegalStateException(EXECUTABLE_ENV + "=path but redis-server is not on the PATH");
                }
            } else if ("embedded".equals(choice)) {
                chosen = extractEmbedded();
                source = "embedded in com.github.codemonstur:embedded-redis (" + EXECUTABLE_ENV + "=embedded)";
            } else if (choice != null) {
                if (!new File(choice).canExecute()) {
                    throw new IllegalStateException(EXECUTABLE_ENV + " names " + choice + ", which is not executable");
                }
                chosen = new File(choice).getAbsolutePath();
                source = "named by " + EXECUTABLE_ENV;
            } else if ((chosen = onPath()) != null) {
                source = "from the PATH";
            } else {
                chosen = extractEmbedded();
                source = "embedded in com.github.codemonstur:embedded-redis, as none is on the PATH";
            }
            Logger.getLogger(RedisServerProcess.class).infof("Tests run redis-server %s: %s", source, chosen);
            System.setProperty(CHOSEN_EXECUTABLE_PROPERTY, chosen);
            return chosen;
        }
    }

    private static String choice() {
        String choice = System.getProperty(EXECUTABLE_PROPERTY);
        if (choice == null || choice.isBlank()) {
            choice = System.getenv(EXECUTABLE_ENV);
        }
        return choice == null || choice.isBlank() || "auto".equals(choice.trim()) ? null : choice.trim();
    }

    private static String onPath() {
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

    /** @return the name of the embedded-redis resource built for this OS and CPU, or null if it ships none */
    private static String embeddedResource() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
        String resource = null;
        if (os.startsWith("linux")) {
            resource = x64 ? "redis-server-6.2.6-v5-linux-amd64" : arm64 ? "redis-server-6.2.7-linux-arm64" : null;
        } else if (os.startsWith("mac")) {
            resource = x64 ? "redis-server-6.2.6-v5-darwin-amd64" : arm64 ? "redis-server-6.2.6-v5-darwin-arm64" : null;
        }
        return resource != null && RedisServerProcess.class.getClassLoader().getResource(resource) != null
                ? resource
                : null;
    }

    private static String extractEmbedded() {
        String resource = embeddedResource();
        if (resource == null) {
            throw new IllegalStateException("redis-server is not on the PATH and com.github.codemonstur:embedded-redis"
                    + " ships none for " + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                    + "; install it (apt-get install -y redis-server) or point the tests at a Redis with"
                    + " QUARKUS_REDIS_HOSTS");
        }
        try (InputStream in = RedisServerProcess.class.getClassLoader().getResourceAsStream(resource)) {
            Path file = Files.createTempFile(resource + "-", "");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy out the embedded " + resource, e);
        }
    }

    /** @return a loopback port nothing listens on right now */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void waitFor(ProcessHandle process) {
        try {
            process.onExit().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
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
