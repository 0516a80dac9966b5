package io.quarkiverse.responsecache.test.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.runtime.store.redis.RedisResponseStore;
import io.quarkiverse.responsecache.test.runtime.Await;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkiverse.responsecache.testing.RedisServerProcess;
import io.quarkiverse.responsecache.testing.RedisTestClient;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A Redis whose eviction policy an operator changes at run time: the periodic check notices {@code allkeys-lru}
 * once (one {@code WARN}, however many checks see it), and the return to {@code noeviction} (one {@code INFO}).
 */
class PolicyDriftTest {

    static final RedisServerProcess REDIS = RedisServerProcess.shared("policy-drift");

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.withoutRedis("policy-drift-test")
            .overrideConfigKey("quarkus.redis.hosts", REDIS.url())
            .overrideConfigKey("quarkus.response-cache.eviction-policy-check-interval", "200ms")
            .withApplicationRoot(root -> root.addClasses(CatalogResource.class, Await.class));

    @Test
    void aPolicyChangedAtRunTimeIsLoggedOncePerChange() {
        Logger logger = Logger.getLogger(RedisResponseStore.class.getName());
        List<String> warnings = new CopyOnWriteArrayList<>();
        List<String> infos = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
                if (message.contains("maxmemory-policy")) {
                    (record.getLevel().intValue() >= Level.WARNING.intValue() ? warnings : infos).add(message);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try (RedisTestClient redis = REDIS.client()) {
            String id = Await.unique();
            Await.cachedBody("/catalog/products/" + id, given().get("/catalog/products/" + id).asString());
            assertThat(warnings).isEmpty();

            redis.command("CONFIG", "SET", "maxmemory", "512mb");
            redis.command("CONFIG", "SET", "maxmemory-policy", "allkeys-lru");
            Await.awaiting("the drift to allkeys-lru logged").until(() -> warnings.size() == 1);
            assertThat(warnings.get(0)).contains("allkeys-lru");

            redis.command("CONFIG", "SET", "maxmemory-policy", "noeviction");
            Await.awaiting("the return to noeviction logged").until(() -> infos.size() == 1);
            assertThat(infos.get(0)).contains("noeviction");
            // many checks later, still one line per change
            redis.command("CONFIG", "SET", "maxmemory-policy", "volatile-lru");
            Await.awaiting("the second drift logged").until(() -> warnings.size() == 2);
            assertThat(warnings.get(1)).contains("volatile-lru");
            assertThat(infos).hasSize(1);
        } finally {
            logger.removeHandler(handler);
            try (RedisTestClient redis = REDIS.client()) {
                redis.command("CONFIG", "SET", "maxmemory-policy", "noeviction");
                redis.command("CONFIG", "SET", "maxmemory", "0");
            }
        }
    }
}
