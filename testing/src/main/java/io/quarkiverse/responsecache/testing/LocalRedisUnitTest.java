package io.quarkiverse.responsecache.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.quarkus.test.QuarkusUnitTest;

/** Starts a {@link QuarkusUnitTest} application that talks to {@link LocalRedis}, under a key prefix of its own. */
public final class LocalRedisUnitTest {

    private LocalRedisUnitTest() {
    }

    /**
     * @param prefix the key prefix of this test's entries, so tests sharing one Redis never see each other's keys
     */
    public static QuarkusUnitTest app(String prefix) {
        QuarkusUnitTest test = withoutRedis(prefix);
        LocalRedis.url().ifPresent(url -> test.overrideConfigKey("quarkus.redis.hosts", url));
        return test;
    }

    /**
     * A test application that chooses its Redis (or none) itself. A random HTTP port, so two builds on one machine
     * never answer each other's requests; store timeouts that a busy machine does not exceed (outage tests set
     * their own), so a slow lookup never turns a miss into a bypass.
     */
    public static QuarkusUnitTest withoutRedis(String prefix) {
        return new QuarkusUnitTest().overrideConfigKey("quarkus.response-cache.prefix", prefix)
                .overrideConfigKey("quarkus.http.test-port", "0")
                .overrideConfigKey("quarkus.response-cache.lookup-timeout", "5s")
                .overrideConfigKey("quarkus.response-cache.write-timeout", "5s");
    }

    /**
     * @return the misuses a failed build reported: Quarkus attaches several as suppressed exceptions, a single one
     *         as the cause
     */
    public static List<Throwable> reportedErrors(Throwable deploymentFailure) {
        List<Throwable> errors = new ArrayList<>(Arrays.asList(deploymentFailure.getSuppressed()));
        if (errors.isEmpty() && deploymentFailure.getCause() != null) {
            errors.add(deploymentFailure.getCause());
        }
        return errors;
    }
}
