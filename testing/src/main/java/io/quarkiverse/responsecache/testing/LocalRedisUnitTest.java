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
        QuarkusUnitTest test = new QuarkusUnitTest().overrideConfigKey("quarkus.response-cache.prefix", prefix);
        LocalRedis.url().ifPresent(url -> test.overrideConfigKey("quarkus.redis.hosts", url));
        return test;
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
