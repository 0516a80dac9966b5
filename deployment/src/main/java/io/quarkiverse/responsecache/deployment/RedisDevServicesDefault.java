package io.quarkiverse.responsecache.deployment;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.deployment.IsContainerRuntimeWorking;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Turns the Redis client's Dev Services off, by default, for an application that will not store its responses in
 * Redis, so that it starts without a container nor, where no container runtime runs, the Testcontainers error and the
 * Dev Services warning each dev-mode start, reload and {@code @QuarkusTest} would log. The Redis client comes with this
 * extension: an application that only added the extension has not asked for a Redis.
 * <p>
 * The rule, for the Redis client the cache uses: {@code store=memory} turns them off; {@code store=redis} leaves them
 * on; {@code store=auto} (the default) with no {@code hosts} configured leaves them on only where a container runtime
 * is found (the check Dev Services make themselves, with their logging silenced), so Dev Services start a Redis and the
 * cache uses it, as before. A value the application sets for {@code devservices.enabled} wins (this source's ordinal is
 * below every configuration file's). Build-time configuration only: found through the deployment module's service file.
 */
public class RedisDevServicesDefault implements ConfigSourceFactory {

    /** Below {@code application.properties} (250) and {@code microprofile-config.properties} (100). */
    static final int ORDINAL = 50;
    private static final String NAME = "response-cache: Redis Dev Services only for a Redis store";
    /** The container runtime, looked for once per JVM: a dev-mode session rebuilds its configuration on each reload. */
    private static volatile Boolean containerRuntime;
    /** Set while this source decides: what it calls may build a configuration of its own, which must not ask again. */
    private static final ThreadLocal<Boolean> DECIDING = new ThreadLocal<>();

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (DECIDING.get() != null || context.getProfiles().contains("prod")
                || "false".equalsIgnoreCase(value(context, "quarkus.devservices.enabled"))) {
            return List.of(); // no Dev Services in this build
        }
        DECIDING.set(Boolean.TRUE);
        try {
            return decide(context);
        } finally {
            DECIDING.remove();
        }
    }

    private static Iterable<ConfigSource> decide(ConfigSourceContext context) {
        String client = value(context, "quarkus.response-cache.redis-client-name");
        String prefix = client == null || client.isEmpty() || client.equals("<default>") ? "quarkus.redis."
                : "quarkus.redis." + (client.matches("[A-Za-z0-9_-]+") ? client : "\"" + client + "\"") + ".";
        String store = value(context, "quarkus.response-cache.store");
        boolean wanted = switch (store == null ? "auto" : store.toLowerCase(Locale.ROOT)) {
            case "memory" -> false;
            case "redis" -> true;
            // with hosts configured Dev Services start nothing anyway, and look for no container runtime
            default -> !isEmpty(value(context, prefix + "hosts")) || containerRuntimeAvailable();
        };
        return wanted ? List.of()
                : List.of(new PropertiesConfigSource(Map.of(prefix + "devservices.enabled", "false"), NAME, ORDINAL));
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isBlank();
    }

    /**
     * @return whether Testcontainers, which Dev Services start their containers with, finds Docker or Podman (or
     *         {@code DOCKER_HOST} answers), without the error it logs when none does
     */
    private static boolean containerRuntimeAvailable() {
        Boolean known = containerRuntime;
        if (known == null) {
            Logger testcontainers = Logger.getLogger("org.testcontainers");
            Level level = testcontainers.getLevel();
            testcontainers.setLevel(Level.OFF);
            try {
                known = new QuietContainerRuntimeCheck().getAsBoolean();
            } finally {
                testcontainers.setLevel(level);
            }
            containerRuntime = known;
        }
        return known;
    }

    /** Quarkus's own checks, silent, minus the one that runs the {@code docker} binary (and reads the configuration). */
    private static final class QuietContainerRuntimeCheck extends IsContainerRuntimeWorking {
        QuietContainerRuntimeCheck() {
            super(List.of(new TestContainersStrategy(true) {
            }, new DockerHostStrategy(true)));
        }
    }
}
