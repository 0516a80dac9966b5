package io.quarkiverse.responsecache.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The packaged demo in a 128 MiB heap, without Redis: hundreds of distinct responses of nearly 1 MiB each would hold
 * far more than the heap, but the memory store keeps only its share of it (a tenth by default), so every request is
 * answered and the process never runs out of memory.
 */
class SmallHeapIT {

    static final int DISTINCT_REPORTS = 300;

    @Test
    void hundredsOfLargeResponsesNeverExhaustASmallHeap() throws Exception {
        assumeTrue(DemoInstance.packaged(), "runs against the packaged jar");
        try (DemoInstance demo = new DemoInstance(List.of("-Xmx128m"))) {
            demo.awaitReady();
            for (int id = 0; id < DISTINCT_REPORTS; id++) {
                HttpResponse<String> report = demo.get("/reports/" + id);
                assertThat(report.statusCode()).as("report %d (log: %s)", id, demo.log).isEqualTo(200);
                assertThat(report.body()).hasSize(1000 * 1024);
            }
            HttpResponse<String> again = demo.get("/reports/" + (DISTINCT_REPORTS - 1));
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(demo.logText()).contains("of the maximum heap").doesNotContain("OutOfMemoryError");
        }
    }
}
