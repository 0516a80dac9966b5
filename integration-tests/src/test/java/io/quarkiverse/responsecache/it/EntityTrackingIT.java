package io.quarkiverse.responsecache.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.responsecache.testing.LocalRedis;

/**
 * Two packaged instances of the demo share one H2 database (a file, served by the first) and one Redis; the library's
 * writes carry no cache annotation. A write through one instance is seen by the other's cached read at once, every
 * time, with and without the near cache.
 */
class EntityTrackingIT {

    static final int TRIES = 300;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    @ParameterizedTest
    @ValueSource(booleans = { false, true })
    void aWriteOnOneInstanceIsSeenByTheOthersCachedRead(boolean nearCache) throws Exception {
        assumeTrue(DemoInstance.packaged(), "runs against the packaged jar");
        Path database = Files.createTempDirectory(Path.of("target"), "library-");
        String url = "quarkus.datasource.jdbc.url=jdbc:h2:file:" + database.toAbsolutePath().resolve("library")
                + ";AUTO_SERVER=TRUE";
        List<String> settings = new ArrayList<>(List.of("quarkus.redis.hosts=" + LocalRedis.url().orElseThrow(), url,
                "quarkus.response-cache.lookup-timeout=2s",
                "quarkus.response-cache.near-cache.enabled=" + nearCache));
        try (DemoInstance writer = new DemoInstance(settings.toArray(String[]::new))) {
            writer.awaitReady();
            settings.add("quarkus.hibernate-orm.schema-management.strategy=none");
            try (DemoInstance reader = new DemoInstance(settings.toArray(String[]::new))) {
                reader.awaitReady();
                assertThat(staleReads(writer, reader)).isZero();
            }
        }
    }

    /** @return how many reads on {@code reader}, each right after a write on {@code writer} returned, were stale */
    static int staleReads(DemoInstance writer, DemoInstance reader) throws Exception {
        HttpResponse<String> created = send(writer, "POST", "/books", "{\"title\":\"first\",\"price\":1}");
        assertThat(created.statusCode()).isEqualTo(201);
        Matcher id = ID.matcher(created.body());
        assertThat(id.find()).isTrue();
        String item = "/books/" + id.group(1);
        int stale = 0;
        for (int i = 0; i < TRIES; i++) {
            // the reader holds the entry, in Redis and (with the near cache) in its memory
            assertThat(send(reader, "GET", item, null).statusCode()).isEqualTo(200);
            String title = "title-" + i + "-" + UUID.randomUUID();
            HttpResponse<String> written = send(writer, "PUT", item, "{\"title\":\"" + title + "\",\"price\":" + i + "}");
            assertThat(written.statusCode()).isEqualTo(200);
            if (!send(reader, "GET", item, null).body().contains(title)) {
                stale++;
            }
            if (i % 30 == 0 && !send(reader, "GET", "/books", null).body().contains(title)) {
                stale++;
            }
        }
        return stale;
    }

    static HttpResponse<String> send(DemoInstance instance, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(instance.uri(path)).timeout(Duration.ofSeconds(20));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return DemoInstance.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
