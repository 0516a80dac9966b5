package io.quarkiverse.responsecache.test.store;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;

/** The store contract on the in-memory store, in an application with no Redis configured at all. */
class MemoryStoreTest extends StoreContract {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.withoutRedis("memory-store-test")
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.response-cache.endpoint.overridden.expire", "5s")
            .overrideConfigKey("quarkus.response-cache.endpoint.\"CatalogResource.switchedOff\".enabled", "false")
            .withApplicationRoot(root -> root.addClasses(applicationClasses()))
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.quarkiverse.responsecache"))
            .assertLogRecords(records -> org.assertj.core.api.Assertions.assertThat(records)
                    .extracting(java.util.logging.LogRecord::getMessage)
                    .anyMatch(message -> message.contains("stored in this process's memory")));
}
