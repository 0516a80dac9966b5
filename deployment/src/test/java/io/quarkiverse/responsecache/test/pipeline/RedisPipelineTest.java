package io.quarkiverse.responsecache.test.pipeline;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;

/** The pipeline on hits answered from Redis. */
class RedisPipelineTest extends PipelineContract {

    @RegisterExtension
    static final QuarkusUnitTest app = configure(LocalRedisUnitTest.app("pipeline-redis"));
}
