package io.quarkiverse.responsecache.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

/** The packaged demo application with no Redis at all: it starts, says so once, and caches in memory. */
class WithoutRedisIT {

    @Test
    void theDemoCachesInMemoryWithoutRedis() throws Exception {
        assumeTrue(DemoInstance.packaged(), "runs against the packaged jar");
        try (DemoInstance demo = new DemoInstance()) {
            demo.awaitReady();
            HttpResponse<String> miss = demo.get("/random/10");
            HttpResponse<String> hit = demo.get("/random/10");
            assertThat(miss.headers().firstValue("X-Cache")).contains("MISS");
            assertThat(hit.headers().firstValue("X-Cache")).contains("HIT");
            assertThat(hit.body()).isEqualTo(miss.body());
            assertThat(demo.get("/random/20").body()).isNotEqualTo(miss.body());
            assertThat(demo.logText()).containsOnlyOnce("responses are stored in this process's memory");
        }
    }
}
