package io.quarkiverse.responsecache.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A throwaway {@code varnishd} child process on a loopback port, unprivileged (its own working directory, no CLI
 * port), running the VCL a test gives it. Tests put it in front of an application to see what a real HTTP cache in
 * front keeps, and stop, freeze and restart it on purpose.
 * <p>
 * Quarkus tests load this class once per class loader: the port is chosen once per JVM ({@link #shared}) and the
 * running process is kept in a system property (its pid), so every copy handles the same process.
 */
public final class VarnishProcess implements AutoCloseable {

    /** Why tests that need Varnish are skipped, when it is not installed. */
    public static final String MISSING = "varnishd or its vmod xkey is not installed (Debian packages varnish and"
            + " varnish-modules)";

    private static final List<String> SBIN = List.of("/usr/sbin", "/usr/local/sbin", "/sbin");
    private static final List<String> VMOD_DIRECTORIES = List.of("/usr/lib/x86_64-linux-gnu/varnish/vmods",
            "/usr/lib/aarch64-linux-gnu/varnish/vmods", "/usr/lib/varnish/vmods", "/usr/lib64/varnish/vmods",
            "/usr/local/lib/varnish/vmods");

    private final int port;
    private final String processSlot;
    private Path directory;
    private String whyNotRunning;

    private VarnishProcess(int port) {
        this.port = port;
        this.processSlot = "response-cache.tests.varnish-process." + port;
    }

    /** @return the Varnish of this name: its port is chosen on first use, then the same in every class loader */
    public static VarnishProcess shared(String name) {
        synchronized (System.getProperties()) {
            String property = "response-cache.tests.varnish-port." + name;
            String port = System.getProperty(property);
            if (port == null) {
                port = Integer.toString(portBelowEphemeralRange());
                System.setProperty(property, port);
            }
            return new VarnishProcess(Integer.parseInt(port));
        }
    }

    /** @return whether {@code varnishd} and vmod xkey are installed */
    public static boolean available() {
        return executable() != null && VMOD_DIRECTORIES.stream()
                .anyMatch(directory -> new File(directory, "libvmod_xkey.so").isFile());
    }

    public int port() {
        return port;
    }

    /** @return {@code http://127.0.0.1:<port>} */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** @return whether it runs (started, not stopped since; it may be frozen) */
    public boolean running() {
        ProcessHandle process = process();
        return process != null && process.isAlive();
    }

    /**
     * Starts it with this VCL unless it runs, and waits until it answers HTTP.
     *
     * @return false when varnishd is installed but cannot run on this machine ({@link #whyNotRunning} says why): the
     *         test is then skipped, as when Varnish is missing
     */
    public boolean startIfStopped(String vcl) {
        if (running()) {
            return true;
        }
        String executable = executable();
        if (executable == null) {
            whyNotRunning = MISSING;
            return false;
        }
        // as root, varnishd runs its VCL compiler as an unprivileged user, which a container may refuse or which may
        // not reach the compiler: the second try runs it without that jail
        List<String> failures = new ArrayList<>();
        for (boolean jailed : new boolean[] { true, false }) {
            if (!jailed && !"root".equals(System.getProperty("user.name"))) {
                continue;
            }
            String failure = tryStart(executable, jailed, vcl);
            if (failure == null) {
                return true;
            }
            if (failure.contains("VCC-compiler")) {
                throw new IllegalStateException("the test's VCL does not compile: " + failure);
            }
            failures.add((jailed ? "" : "-j none: ") + failure);
        }
        whyNotRunning = "varnishd is installed but does not start here; " + String.join("; ", failures);
        return false;
    }

    /** @return why the last {@link #startIfStopped} returned false, in one line */
    public String whyNotRunning() {
        return whyNotRunning;
    }

    /** @return null once it answers HTTP, else what its log says went wrong */
    private String tryStart(String executable, boolean jailed, String vcl) {
        try {
            // readable by all: varnishd started by root reads its VCL as the unprivileged user it switches to
            directory = Files.createTempDirectory("varnish-" + port + "-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            Path vclFile = directory.resolve("default.vcl");
            Files.writeString(vclFile, vcl);
            List<String> command = new ArrayList<>(List.of(executable, "-F", "-a", "127.0.0.1:" + port,
                    "-f", vclFile.toString(), "-n", directory.resolve("work").toString(), "-s", "malloc,32m",
                    "-T", "none"));
            if (!jailed) {
                command.addAll(List.of("-j", "none"));
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("varnishd.log").toFile());
            // its VCL compiler runs as an unprivileged user, which may not read every directory of the tests' PATH
            builder.environment().merge("PATH", "/usr/local/bin:/usr/bin:/bin", (path, system) -> path + ":" + system);
            Process started = builder.start();
            System.setProperty(processSlot, Long.toString(started.pid()));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.descendants().forEach(ProcessHandle::destroyForcibly);
                started.destroyForcibly();
            }));
        } catch (IOException e) {
            return e.toString();
        }
        // generous: compiling the VCL takes seconds on a busy machine
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!running()) {
                return logExcerpt();
            }
            if (answers()) {
                return null;
            }
            sleep();
        }
        close();
        return "did not answer within 60 s; " + logExcerpt();
    }

    /** @return the log's lines that say what went wrong, in one line */
    private String logExcerpt() {
        try {
            List<String> lines = Files.readAllLines(directory.resolve("varnishd.log")).stream()
                    .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("Debug:")).toList();
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (IOException e) {
            return "no log (" + e + ")";
        }
    }

    /** Freezes it and its worker (SIGSTOP): connections are accepted by the kernel, nothing answers them. */
    public void pause() {
        signal("STOP");
    }

    /** Lets a frozen Varnish go on (SIGCONT). */
    public void unpause() {
        signal("CONT");
    }

    /** Stops it and its worker, and waits until they are gone. */
    @Override
    public void close() {
        ProcessHandle process = process();
        if (process == null) {
            return;
        }
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        family.add(process);
        signal("CONT");
        family.forEach(ProcessHandle::destroy);
        for (ProcessHandle member : family) {
            try {
                member.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception stillThere) {
                member.destroyForcibly();
            }
        }
        System.clearProperty(processSlot);
    }

    private ProcessHandle process() {
        String pid = System.getProperty(processSlot);
        return pid == null ? null : ProcessHandle.of(Long.parseLong(pid)).orElse(null);
    }

    private void signal(String signal) {
        ProcessHandle process = process();
        if (process == null) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal, Long.toString(process.pid())));
        process.descendants().forEach(child -> command.add(Long.toString(child.pid())));
        try {
            new ProcessBuilder(command).start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean answers() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url() + "/").toURL().openConnection();
            connection.setRequestMethod("HEAD");
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(5000);
            connection.getResponseCode();
            connection.disconnect();
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /**
     * The port is chosen long before varnishd binds it (the application's configuration names it): below the
     * kernel's ephemeral range, no port 0 listener nor outgoing connection of the tests can take it meanwhile.
     */
    private static int portBelowEphemeralRange() {
        Random random = new Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int candidate = 20_000 + random.nextInt(12_000);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("127.0.0.1", candidate));
                return candidate;
            } catch (IOException taken) {
                // try another
            }
        }
        return RedisServerProcess.freePort();
    }

    private static String executable() {
        List<String> directories = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            directories.addAll(List.of(path.split(File.pathSeparator)));
        }
        directories.addAll(SBIN);
        for (String directory : directories) {
            File candidate = new File(directory, "varnishd");
            if (candidate.canExecute()) {
                return candidate.getAbsolutePath();
            }
        }
        return null;
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
