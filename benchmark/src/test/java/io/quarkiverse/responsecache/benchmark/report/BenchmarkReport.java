package io.quarkiverse.responsecache.benchmark.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Turns what run.sh collected into the report: a table on standard output, {@code results.md}, {@code results.csv}
 * and {@code benchmark.png}, all in the results folder.
 * <p>
 * The folder holds {@code endpoints.txt} (the endpoints in table order), {@code raw/<endpoint>/run-<n>.txt} (wrk's
 * output), {@code run.properties} (settings, machine, entry sizes) and, when JMH ran, {@code jmh.csv}.
 */
public final class BenchmarkReport {

    /** The ratios the issue sets targets for: numerator, denominator, target. */
    private static final String[][] RATIOS = {
            { "response-cache-hit", "redis-get", "0.90" },
            { "response-cache-hit", "cacheresult-hit", "1.00" },
            { "response-cache-hit", "cacheresult-uni-hit", "1.00" },
            { "expensive-cached", "expensive-uncached", "" },
            { "response-cache-hit-64k", "redis-get-64k", "0.90" },
            { "redis-get-64k", "plain-64k", "" },
            { "redis-get-64k-buffer", "redis-get-64k", "" },
            { "near.response-cache-hit", "near.plain", "0.90" },
            { "near.response-cache-hit-64k", "near.plain-64k", "0.80" },
            { "near.response-cache-hit", "nginx.plain", "1.10" },
            { "near.response-cache-hit-64k", "nginx.plain-64k", "1.10" },
            { "near.response-cache-hit", "near.bare-route", "" },
            { "near.response-cache-hit-64k", "near.bare-route-64k", "" },
            { "near.bare-route", "nginx.plain", "" },
            { "near.bare-route-64k", "nginx.plain-64k", "" },
            { "gzip.response-cache-hit-json-64k", "gzip.recompressed-json-64k", "3.00" },
            { "gzip.response-cache-hit-json-64k", "nginx.gzip-static-json-64k", "" },
    };

    private BenchmarkReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: BenchmarkReport <results folder>");
            System.exit(2);
        }
        Path folder = Path.of(args[0]);
        Properties run = new Properties();
        try (InputStream in = Files.newInputStream(folder.resolve("run.properties"))) {
            run.load(in);
        }
        List<EndpointSummary> summaries = new ArrayList<>();
        Path endpoints = folder.resolve("endpoints.txt");
        if (Files.exists(endpoints)) {
            for (String endpoint : Files.readAllLines(endpoints)) {
                if (endpoint.isBlank()) {
                    continue;
                }
                List<WrkResult> runs = new ArrayList<>();
                try (Stream<Path> files = Files.list(folder.resolve("raw").resolve(endpoint))) {
                    for (Path file : files.sorted().toList()) {
                        runs.add(WrkResult.read(file));
                    }
                }
                summaries.add(EndpointSummary.of(endpoint, runs));
            }
        }
        Path jmhCsv = folder.resolve("jmh.csv");
        List<JmhResult> jmh = Files.exists(jmhCsv) ? JmhResult.read(jmhCsv) : List.of();

        String markdown = markdown(folder, run, summaries, jmh);
        System.out.println();
        System.out.print(markdown);
        Files.writeString(folder.resolve("results.md"), markdown);
        Files.writeString(folder.resolve("results.csv"), csv(summaries));
        if (!jmh.isEmpty()) {
            Files.writeString(folder.resolve("jmh-results.csv"), jmhCsv(jmh));
        }
        if (!summaries.isEmpty()) {
            Path png = folder.resolve("benchmark.png");
            try {
                BenchmarkChart.write(summaries, chartSubtitle(run), png);
                System.out.println("Chart: " + folder.getFileName() + "/" + png.getFileName());
            } catch (IOException | RuntimeException | Error chartFailure) {
                // a machine without a usable Java2D (fonts, headless libraries) still gets its numbers
                System.out.println("No chart: " + chartFailure);
            }
        }
    }

    static String markdown(Path folder, Properties run, List<EndpointSummary> summaries, List<JmhResult> jmh) {
        StringBuilder md = new StringBuilder();
        if (!summaries.isEmpty()) {
            md.append("## Throughput and latency\n\n");
            md.append(String.format(Locale.ROOT, "wrk -t%s -c%s -d%s --latency, %s interleaved runs per endpoint, "
                    + "medians; 127.0.0.1, app, Redis and wrk on the same machine (%s).%n%n",
                    run.getProperty("threads"), run.getProperty("connections"), run.getProperty("duration"),
                    run.getProperty("runs"), run.getProperty("machine.cpus", "?") + " cores"));
            md.append("| endpoint | requests/s | p50 (ms) | p99 (ms) | requests/s of each run | errors |\n");
            md.append("|---|---:|---:|---:|---|---:|\n");
            for (EndpointSummary s : summaries) {
                StringBuilder each = new StringBuilder();
                for (WrkResult r : s.runs()) {
                    each.append(each.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.0f", r.requestsPerSecond()));
                }
                md.append(String.format(Locale.ROOT, "| %s | %.0f | %.3f | %.3f | %s | %d |%n", s.endpoint(),
                        s.requestsPerSecond(), s.p50Millis(), s.p99Millis(), each, s.errors()));
            }
            md.append("\n## Ratios (median requests/s)\n\n");
            md.append("| ratio | value | target | met |\n|---|---:|---:|---|\n");
            for (String[] ratio : RATIOS) {
                EndpointSummary top = find(summaries, ratio[0]);
                EndpointSummary bottom = find(summaries, ratio[1]);
                if (top == null || bottom == null) {
                    continue;
                }
                double value = top.requestsPerSecond() / bottom.requestsPerSecond();
                String target = ratio[2].isEmpty() ? "" : ">= " + ratio[2];
                String met = ratio[2].isEmpty() ? "" : value >= Double.parseDouble(ratio[2]) ? "yes" : "NO";
                md.append(String.format(Locale.ROOT, "| %s / %s | %.2f | %s | %s |%n", ratio[0], ratio[1], value,
                        target, met));
            }
        }
        String redisBenchmark = run.getProperty("redis-benchmark.get.64k");
        EndpointSummary rawLarge = find(summaries, "redis-get-64k");
        if (redisBenchmark != null && rawLarge != null) {
            md.append(String.format(Locale.ROOT,
                    "%nRedis itself, `redis-benchmark -t set,get -d 65536 -c %s` in the same run (its GET): "
                            + "%s requests/s; redis-get-64k reaches %.2fx of it.%n",
                    run.getProperty("connections"),
                    redisBenchmark, rawLarge.requestsPerSecond() / Double.parseDouble(redisBenchmark)));
        }
        if (folder != null && Files.isDirectory(folder.resolve("allocation"))) {
            md.append("\n## Heap allocated per request\n\n");
            md.append("Bytes allocated by the application's threads during a run, divided by its requests (median of the"
                    + " runs): independent of how busy the machine is.\n\n");
            md.append("| endpoint | bytes per request |\n|---|---:|\n");
            for (EndpointSummary s : summaries) {
                List<Long> values = new ArrayList<>();
                try (Stream<Path> files = Files.list(folder.resolve("allocation"))) {
                    for (Path file : files.filter(f -> f.getFileName().toString().startsWith(s.endpoint() + "-run-"))
                            .toList()) {
                        values.add(Long.parseLong(Files.readString(file).trim()));
                    }
                } catch (IOException | NumberFormatException unreadable) {
                    continue;
                }
                if (!values.isEmpty()) {
                    values.sort(null);
                    md.append(String.format(Locale.ROOT, "| %s | %d |%n", s.endpoint(), values.get(values.size() / 2)));
                }
            }
        }
        if (run.getProperty("entry.body") != null) {
            md.append("\n## Redis memory per entry\n\n");
            md.append("`MEMORY USAGE` of the key minus the body's length: what an entry costs beyond its body.\n\n");
            md.append("| entry | body (bytes) | value length (bytes) | MEMORY USAGE (bytes) | beyond the body (bytes) |\n");
            md.append("|---|---:|---:|---:|---:|\n");
            long body = Long.parseLong(run.getProperty("entry.body"));
            entryRow(md, "response cache entry (`" + run.getProperty("entry.key.pattern") + "`)", body,
                    run.getProperty("entry.strlen"), run.getProperty("entry.memory"));
            entryRow(md, "quarkus-cache entry, same body (`" + run.getProperty("cacheresult.key.pattern") + "`)", body,
                    run.getProperty("cacheresult.strlen"), run.getProperty("cacheresult.memory"));
            entryRow(md, "bare string of the body, for scale (`" + run.getProperty("raw.key") + "`)", body,
                    run.getProperty("raw.strlen"), run.getProperty("raw.memory"));
            String strlen = run.getProperty("entry.strlen");
            if (strlen != null && !strlen.isEmpty()) {
                md.append(String.format(Locale.ROOT, "%nOf the response cache's %s bytes beyond the body, %d are the "
                        + "entry's own header (status, times, ETag, Content-Type); the rest is Redis's per-key cost "
                        + "(key name, object and dictionary overhead), which any cache pays.%n",
                        Long.parseLong(run.getProperty("entry.memory")) - body, Long.parseLong(strlen) - body));
            }
        }
        if (!jmh.isEmpty()) {
            md.append("\n## JMH: the hit path's own work\n\n");
            md.append("`HitPathBenchmark`, 1 thread, average time per operation; allocation from `-prof gc`.\n\n");
            md.append("| benchmark | ns/op | ± (99.9%) | B/op |\n|---|---:|---:|---:|\n");
            for (JmhResult r : jmh) {
                md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.0f |%n", r.benchmark(), r.nanosPerOp(),
                        r.errorNanos(), r.bytesPerOp()));
            }
        }
        if (run.getProperty("machine.description") != null) {
            md.append("\nMachine: ").append(run.getProperty("machine.description")).append('\n');
        }
        return md.toString();
    }

    private static void entryRow(StringBuilder md, String name, long body, String strlen, String memory) {
        if (memory == null || memory.isEmpty()) {
            return;
        }
        md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %d |%n", name, body, strlen, memory,
                Long.parseLong(memory) - body));
    }

    private static String csv(List<EndpointSummary> summaries) {
        StringBuilder csv = new StringBuilder("endpoint,run,requests_per_second,p50_ms,p99_ms,errors\n");
        for (EndpointSummary s : summaries) {
            for (int i = 0; i < s.runs().size(); i++) {
                WrkResult r = s.runs().get(i);
                csv.append(String.format(Locale.ROOT, "%s,%d,%.2f,%.4f,%.4f,%d%n", s.endpoint(), i + 1,
                        r.requestsPerSecond(), r.p50Millis(), r.p99Millis(), r.errors()));
            }
            csv.append(String.format(Locale.ROOT, "%s,median,%.2f,%.4f,%.4f,%d%n", s.endpoint(),
                    s.requestsPerSecond(), s.p50Millis(), s.p99Millis(), s.errors()));
        }
        return csv.toString();
    }

    private static String jmhCsv(List<JmhResult> jmh) {
        StringBuilder csv = new StringBuilder("benchmark,ns_per_op,error_ns,bytes_per_op\n");
        for (JmhResult r : jmh) {
            csv.append(String.format(Locale.ROOT, "%s,%.2f,%.2f,%.1f%n", r.benchmark(), r.nanosPerOp(),
                    r.errorNanos(), r.bytesPerOp()));
        }
        return csv.toString();
    }

    private static String chartSubtitle(Properties run) {
        return String.format(Locale.ROOT, "wrk -t%s -c%s -d%s, median of %s runs; %s",
                run.getProperty("threads"), run.getProperty("connections"), run.getProperty("duration"),
                run.getProperty("runs"), run.getProperty("machine.short", ""));
    }

    private static EndpointSummary find(List<EndpointSummary> summaries, String endpoint) {
        return summaries.stream().filter(s -> s.endpoint().equals(endpoint)).findFirst().orElse(null);
    }
}
