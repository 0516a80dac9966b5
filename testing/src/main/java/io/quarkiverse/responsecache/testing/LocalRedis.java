package io.quarkiverse.responsecache.testing;

import java.util.Optional;

/**
 * The Redis the tests of one JVM share: the one named by {@code QUARKUS_REDIS_HOSTS} (or the system property
 * {@code quarkus.redis.hosts}) when set, otherwise a {@link RedisServerProcess} (the {@code redis-server} on the PATH,
 * or else the embedded one) started on first use and stopped when the JVM exits.
 */
public final class LocalRedis {

    private LocalRedis() {
    }

    /** @return the Redis the environment names, if any */
    public static Optional<String> configured() {
        String property = System.getProperty("quarkus.redis.hosts");
        if (property != null && !property.isBlank()) {
            return Optional.of(property);
        }
        String env = System.getenv("QUARKUS_REDIS_HOSTS");
        return env == null || env.isBlank() ? Optional.empty() : Optional.of(env);
    }

    /**
     * @return the URL of the shared Redis, starting one when none is configured; empty when none is configured and
     *         no {@code redis-server} can be started, neither from the PATH nor embedded for this platform (Quarkus
     *         Dev Services may then provide one where Docker runs)
     */
    public static Optional<String> url() {
        Optional<String> configured = configured();
        if (configured.isPresent()) {
            return configured;
        }
        if (!RedisServerProcess.available()) {
            return Optional.empty();
        }
        return Optional.of(RedisServerProcess.shared("local").url());
    }

    /** @return a client of the shared Redis */
    public static RedisTestClient client() {
        return RedisTestClient.of(url().orElseThrow(() -> new IllegalStateException("no Redis for the tests")));
    }
}
