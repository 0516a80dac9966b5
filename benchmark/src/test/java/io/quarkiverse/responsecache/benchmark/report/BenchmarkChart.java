package io.quarkiverse.responsecache.benchmark.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import javax.imageio.ImageIO;

/**
 * Draws the load results as a PNG with Java2D, so the harness needs nothing beyond the JDK: requests per second on the
 * left, p50 and p99 latency on the right, one row per endpoint.
 */
final class BenchmarkChart {

    private static final int WIDTH = 1280;
    private static final int ROW = 46;
    private static final int TOP = 96;
    private static final int LABEL = 240;
    private static final Color CACHE = new Color(0x1f77b4);
    private static final Color OTHER = new Color(0x9aa5b1);
    private static final Color P99 = new Color(0xe07b39);
    private static final Color P50 = new Color(0x2ca02c);

    private BenchmarkChart() {
    }

    static void write(List<EndpointSummary> summaries, String subtitle, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int height = TOP + ROW * summaries.size() + 60;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        g.drawString("Quarkus Response Cache - load benchmark", 20, 32);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(subtitle, 20, 54);

        int panel = (WIDTH - LABEL - 60) / 2;
        int left = LABEL + 10;
        int right = left + panel + 40;
        panel(g, summaries, "requests/s (higher is better)", left, panel - 80,
                List.of(EndpointSummary::requestsPerSecond), "%.0f");
        panel(g, summaries, "latency in ms: p50 and p99 (lower is better)", right, panel - 80,
                List.of(EndpointSummary::p50Millis, EndpointSummary::p99Millis), "%.2f");

        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int i = 0; i < summaries.size(); i++) {
            String name = summaries.get(i).endpoint();
            FontMetrics metrics = g.getFontMetrics();
            g.setColor(Color.BLACK);
            g.drawString(name, LABEL - metrics.stringWidth(name), TOP + i * ROW + ROW / 2 + 5);
        }
        int legend = height - 24;
        legend(g, CACHE, "response cache", 20, legend);
        legend(g, OTHER, "baselines and quarkus-cache", 180, legend);
        legend(g, P50, "p50", right, legend);
        legend(g, P99, "p99", right + 80, legend);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static void panel(Graphics2D g, List<EndpointSummary> summaries, String title, int x, int width,
            List<ToDoubleFunction<EndpointSummary>> metrics, String format) {
        double max = 0;
        for (EndpointSummary s : summaries) {
            for (ToDoubleFunction<EndpointSummary> metric : metrics) {
                double value = metric.applyAsDouble(s);
                if (!Double.isNaN(value)) {
                    max = Math.max(max, value);
                }
            }
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, x, TOP - 14);
        g.setColor(new Color(0xdddddd));
        g.setStroke(new BasicStroke(1));
        g.drawLine(x, TOP - 4, x, TOP + ROW * summaries.size());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int bar = (ROW - 14) / metrics.size();
        for (int i = 0; i < summaries.size(); i++) {
            EndpointSummary s = summaries.get(i);
            for (int m = 0; m < metrics.size(); m++) {
                double value = metrics.get(m).applyAsDouble(s);
                int length = max <= 0 || Double.isNaN(value) ? 0 : (int) Math.round(width * value / max);
                int y = TOP + i * ROW + 7 + m * bar;
                g.setColor(metrics.size() > 1 ? (m == 0 ? P50 : P99)
                        : isResponseCache(s.endpoint()) ? CACHE : OTHER);
                g.fillRect(x + 1, y, Math.max(length, 1), bar - 2);
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format(Locale.ROOT, format, value), x + length + 6, y + bar / 2 + 3);
            }
        }
    }

    /** @return whether the row is a hit of the response cache (through Redis or the near cache, any body size) */
    private static boolean isResponseCache(String endpoint) {
        String row = endpoint.startsWith("near.") || endpoint.startsWith("gzip.") ? endpoint.substring(5) : endpoint;
        return row.startsWith("response-cache-hit") || row.equals("expensive-cached");
    }

    private static void legend(Graphics2D g, Color color, String text, int x, int y) {
        g.setColor(color);
        g.fillRect(x, y - 11, 14, 14);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(text, x + 20, y + 1);
    }
}
