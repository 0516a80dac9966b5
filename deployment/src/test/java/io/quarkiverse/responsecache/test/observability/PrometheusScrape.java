package io.quarkiverse.responsecache.test.observability;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;

/** One read of {@code /q/metrics} in the Prometheus text format, and the samples a test looks for in it. */
public final class PrometheusScrape {

    private final List<String> lines;

    private PrometheusScrape(List<String> lines) {
        this.lines = lines;
    }

    public static PrometheusScrape now() {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return new PrometheusScrape(text.lines().filter(line -> !line.startsWith("#")).toList());
    }

    /**
     * @param labels {@code name="value"} pairs the sample must carry (it may carry more)
     * @return the sample's value, 0 when no sample matches (a meter not yet created counts nothing)
     */
    public double value(String name, String... labels) {
        List<String> matching = samples(name, labels);
        if (matching.size() > 1) {
            throw new AssertionError("Several samples of " + name + " match " + List.of(labels) + ": " + matching);
        }
        return matching.isEmpty() ? 0 : Double.parseDouble(matching.get(0).substring(matching.get(0).lastIndexOf(' ') + 1));
    }

    /** @return the lines of the samples of {@code name} carrying all {@code labels} */
    List<String> samples(String name, String... labels) {
        List<String> matching = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= line.contains(label);
            }
            if (all) {
                matching.add(line);
            }
        }
        return matching;
    }
}
