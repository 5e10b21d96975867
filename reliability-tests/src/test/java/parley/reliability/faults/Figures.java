package parley.reliability.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The measured figures of one scenario: printed, and appended to target/faults/figures.txt. */
final class Figures {

    private final String scenario;
    private final Map<String, String> values = new LinkedHashMap<>();

    Figures(String scenario) {
        this.scenario = scenario;
    }

    Figures put(String name, Object value) {
        values.put(name, value instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : String.valueOf(value));
        return this;
    }

    Figures seconds(String name, double seconds) {
        values.put(name, String.format(Locale.ROOT, "%.2f s", seconds));
        return this;
    }

    /** What the sockets received, the same rows in every scenario. */
    Figures deliveries(Delivery.Report delivery) {
        return put("deliveries expected (msgs x sockets)", delivery.expected())
                .put("newMessage frames received", delivery.received())
                .put("lost at sockets", delivery.lost())
                .put("duplicate frames at sockets (de-duplicated by id)", delivery.duplicateFrames())
                .put("out-of-order frames", delivery.outOfOrder());
    }

    String get(String name) {
        return values.get(name);
    }

    /** Prints the figures (also when the test fails afterwards: call it before asserting). */
    void print() {
        StringBuilder out = new StringBuilder("\n=== FIGURES " + scenario + " (" + Instant.now() + ")\n");
        int width = values.keySet().stream().mapToInt(String::length).max().orElse(10);
        values.forEach((k, v) -> out.append(String.format(Locale.ROOT, "  %-" + width + "s  %s%n", k, v)));
        System.out.print(out);
        System.out.flush();
        try {
            Path file = Path.of("target/faults/figures.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, out, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("(could not write figures.txt: " + e + ")");
        }
    }
}
