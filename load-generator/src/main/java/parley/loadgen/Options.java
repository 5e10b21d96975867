package parley.loadgen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code --name=value} (or {@code --name value}) command-line options; unknown names are refused at the end. */
final class Options {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> read = new TreeSet<>();

    Options(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "' (options are --name=value)");
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                values.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                values.put(arg.substring(2), args[++i]);
            } else {
                values.put(arg.substring(2), "true");
            }
        }
    }

    String string(String name, String fallback) {
        read.add(name);
        return values.getOrDefault(name, fallback);
    }

    String required(String name) {
        String value = string(name, null);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    int integer(String name, int fallback) {
        String value = string(name, null);
        return value == null ? fallback : Integer.parseInt(value.replace("_", ""));
    }

    long longValue(String name, long fallback) {
        String value = string(name, null);
        return value == null ? fallback : Long.parseLong(value.replace("_", ""));
    }

    /** "30s", "500ms", "2m" or plain seconds. */
    Duration duration(String name, Duration fallback) {
        String value = string(name, null);
        return value == null ? fallback : parseDuration(value);
    }

    List<String> list(String name, String fallback) {
        String value = string(name, fallback);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return new ArrayList<>(Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    /** Fails on options nobody asked for: a misspelt option must not be silently ignored. */
    void checkAllRead() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): " + unknown);
        }
    }

    static Duration parseDuration(String value) {
        String v = value.trim().toLowerCase();
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
        }
        if (v.endsWith("m")) {
            return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)) * 60);
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
    }
}
