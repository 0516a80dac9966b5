package io.quarkiverse.responsecache.benchmark.report;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The median of each metric over an endpoint's runs (each metric on its own), and the spread of throughput.
 */
record EndpointSummary(String endpoint, List<WrkResult> runs, double requestsPerSecond, double p50Millis,
        double p99Millis, double minRequestsPerSecond, double maxRequestsPerSecond, long errors) {

    static EndpointSummary of(String endpoint, List<WrkResult> runs) {
        return new EndpointSummary(endpoint, runs,
                median(runs, WrkResult::requestsPerSecond),
                median(runs, WrkResult::p50Millis),
                median(runs, WrkResult::p99Millis),
                runs.stream().mapToDouble(WrkResult::requestsPerSecond).min().orElse(Double.NaN),
                runs.stream().mapToDouble(WrkResult::requestsPerSecond).max().orElse(Double.NaN),
                runs.stream().mapToLong(WrkResult::errors).sum());
    }

    private static double median(List<WrkResult> runs, ToDoubleFunction<WrkResult> metric) {
        double[] values = runs.stream().mapToDouble(metric).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    @Override
    public String toString() {
        return endpoint + Arrays.toString(runs.toArray());
    }
}
