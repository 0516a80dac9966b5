package io.quarkiverse.responsecache.test.pipeline;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;

/** The pipeline on hits answered from the near cache in front of Redis. */
class NearCachePipelineTest extends PipelineContract {

    @RegisterExtension
    static final QuarkusUnitTest app = configure(LocalRedisUnitTest.app("pipeline-near")
            .overrideConfigKey("quarkus.response-cache.near-cache.enabled", "true"));
}
