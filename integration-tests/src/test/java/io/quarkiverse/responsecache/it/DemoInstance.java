package io.quarkiverse.responsecache.it;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;

import io.quarkiverse.responsecache.testing.RedisServerProcess;

/** The packaged demo application started as its own process on a free port, for tests that need several. */
final class DemoInstance implements AutoCloseable {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final int port = RedisServerProcess.freePort();
    final File log = new File("target", "demo-instance-" + port + ".log");
    private final Process process;

    /** @param systemProperties {@code -D} options, e.g. {@code quarkus.redis.hosts=...} */
    DemoInstance(String... systemProperties) throws IOException {
        this(List.of(), systemProperties);
    }

    /** @param jvmOptions options of the JVM itself, e.g. {@code -Xmx128m} */
    DemoInstance(List<String> jvmOptions, String... systemProperties) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        for (String property : systemProperties) {
            command.add("-D" + property);
        }
        command.addAll(List.of("-jar", JAR.toString()));
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    static boolean packaged() {
        return Files.exists(JAR);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    DemoInstance awaitReady() {
        Awaitility.await("the demo application on port " + port + " (log: " + log + ")")
                .atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> get("/stats/product-invocations").statusCode() == 200);
        return this;
    }

    /** Pauses ({@code SIGSTOP}) or resumes ({@code SIGCONT}) the instance's process, as a long pause would. */
    void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    String logText() throws IOException {
        return Files.readString(log.toPath());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
