package io.quarkiverse.responsecache.test.pipeline;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;

/** The pipeline on hits answered from the memory store. */
class MemoryPipelineTest extends PipelineContract {

    @RegisterExtension
    static final QuarkusUnitTest app = configure(LocalRedisUnitTest.withoutRedis("pipeline-memory")
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.response-cache.store", "memory"));
}
