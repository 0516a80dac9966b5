package io.quarkiverse.responsecache.benchmark.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JMH benchmark of a {@code -rf csv} result file: its average time and, with {@code -prof gc}, its allocation.
 */
record JmhResult(String benchmark, double nanosPerOp, double errorNanos, double bytesPerOp) {

    static List<JmhResult> read(Path csv) throws IOException {
        Map<String, double[]> byName = new LinkedHashMap<>();
        for (String line : Files.readAllLines(csv)) {
            List<String> cells = cells(line);
            if (cells.size() < 7 || cells.get(0).equals("Benchmark")) {
                continue;
            }
            String name = cells.get(0).substring(cells.get(0).lastIndexOf('.', cells.get(0).indexOf(':') < 0
                    ? cells.get(0).length()
                    : cells.get(0).indexOf(':')) + 1);
            double score = Double.parseDouble(cells.get(4));
            String unit = cells.get(6);
            int colon = name.indexOf(':');
            if (colon < 0) {
                double error = cells.get(5).isEmpty() || cells.get(5).equals("NaN") ? Double.NaN
                        : Double.parseDouble(cells.get(5));
                byName.computeIfAbsent(name, n -> new double[] { Double.NaN, Double.NaN, Double.NaN });
                byName.get(name)[0] = score;
                byName.get(name)[1] = error;
            } else if (name.endsWith("gc.alloc.rate.norm") && unit.equals("B/op")) {
                byName.computeIfAbsent(name.substring(0, colon),
                        n -> new double[] { Double.NaN, Double.NaN, Double.NaN })[2] = score;
            }
        }
        List<JmhResult> results = new ArrayList<>();
        byName.forEach((name, values) -> results.add(new JmhResult(name, values[0], values[1], values[2])));
        return results;
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
