package parley.loadgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one scenario measured: its configuration, a table of formatted figures, the raw numbers the
 * report computes ratios and goals from, notes, and the histogram files it wrote. Saved as JSON
 * next to the histograms; {@link Report} turns a run's results into docs/benchmarks.md.
 */
public final class Result {

    public String scenario;
    public String title;
    public Map<String, String> config = new LinkedHashMap<>();
    public Map<String, String> table = new LinkedHashMap<>();
    public Map<String, Double> numbers = new LinkedHashMap<>();
    public List<String> notes = new ArrayList<>();
    public List<String> files = new ArrayList<>();
    /** The measured window (UTC, ISO-8601), to cut profiles of the same run to it. */
    public String windowStart;
    public String windowEnd;

    public Result() {
    }

    Result(String scenario, String title) {
        this.scenario = scenario;
        this.title = title;
    }

    Result row(String name, String value) {
        table.put(name, value);
        return this;
    }

    Result window(long startNanos, long endNanos) {
        long nowNanos = System.nanoTime();
        java.time.Instant now = java.time.Instant.now();
        windowStart = now.minusNanos(nowNanos - startNanos).toString();
        windowEnd = now.minusNanos(nowNanos - endNanos).toString();
        return this;
    }

    Result number(String name, double value) {
        numbers.put(name, value);
        return this;
    }

    public double get(String name) {
        Double value = numbers.get(name);
        return value == null ? Double.NaN : value;
    }

    void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(scenario + ".json"), Rest.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Result read(Path file) {
        try {
            return Rest.JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), Result.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String f0(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.0f", v);
    }

    static String f1(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.1f", v);
    }

    /** Milliseconds with sensible precision. */
    static String ms(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return v < 10 ? String.format(Locale.ROOT, "%.2f ms", v) : String.format(Locale.ROOT, "%,.1f ms", v);
    }
}
