package parley.loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A text summary of a JFR recording (the JDK's, or async-profiler's JFR output) for one time
 * window: CPU samples by thread group, by category (JSON, Kafka client, Netty, Reactor, R2DBC,
 * Redis, JVM …), the hottest methods by self and by total time, the project's own methods by total
 * time, allocation by class and by allocating frame, and monitor contention. This is what
 * docs/bench/PROFILE.md quotes; {@code bench.sh --profile} writes one per process and scenario.
 */
final class ProfileSummary {

    private ProfileSummary() {
    }

    static void run(Options o) throws IOException {
        Path jfr = Path.of(o.required("jfr"));
        String from = o.string("from", null);
        String to = o.string("to", null);
        int top = o.integer("top", 25);
        String output = o.string("output", null);
        String title = o.string("title", jfr.getFileName().toString());
        String focus = o.string("focus", null);
        o.checkAllRead();
        summarize(jfr, from, to, top, output, title, focus);
    }

    /**
     * For every result of a run that has a measured window and every recording in {@code jfr-dir}
     * ({@code profile-<process>-*.jfr}), a summary of that process in that window:
     * {@code <out>/profile-<process>-<scenario>.txt}.
     */
    static void runAll(Options o) throws IOException {
        Path results = Path.of(o.required("results"));
        Path jfrDir = Path.of(o.required("jfr-dir"));
        Path out = Path.of(o.required("out"));
        int top = o.integer("top", 25);
        o.checkAllRead();
        java.nio.file.Files.createDirectories(out);
        List<Path> recordings;
        try (var files = java.nio.file.Files.list(jfrDir)) {
            recordings = files.filter(p -> p.getFileName().toString().matches("profile-.*\\.jfr")).sorted().toList();
        }
        List<Path> resultFiles;
        try (var files = java.nio.file.Files.list(results)) {
            resultFiles = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : resultFiles) {
            Result r = Result.read(file);
            if (r.windowStart == null || r.scenario == null) {
                continue;
            }
            for (Path recording : recordings) {
                String process = recording.getFileName().toString().split("-")[1];
                Path target = out.resolve("profile-" + process + "-" + r.scenario + ".txt");
                summarize(recording, r.windowStart, r.windowEnd, top, target.toString(),
                        process + " during `" + r.scenario + "` (" + r.title + ")", null);
            }
        }
    }

    private static void summarize(Path jfr, String from, String to, int top, String output, String title, String focus)
            throws IOException {
        List<RecordedEvent> events = RecordingFile.readAllEvents(jfr);
        Instant first = events.stream().map(RecordedEvent::getStartTime).min(Instant::compareTo).orElse(Instant.EPOCH);
        Instant start = parse(from, first, Instant.MIN);
        Instant end = parse(to, first, Instant.MAX);

        Map<String, Long> byThread = new HashMap<>();
        Map<String, Long> byCategory = new HashMap<>();
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        Map<String, Long> ownTotal = new HashMap<>();
        Map<String, Long> allocByClass = new HashMap<>();
        Map<String, Long> allocBySite = new HashMap<>();
        Map<String, Long> lockByClass = new HashMap<>();
        Map<String, Long> lockBySite = new HashMap<>();
        Map<String, Long> lockCount = new HashMap<>();
        long samples = 0;
        long allocTotal = 0;
        for (RecordedEvent e : events) {
            Instant t = e.getStartTime();
            if (t.isBefore(start) || t.isAfter(end)) {
                continue;
            }
            String type = e.getEventType().getName();
            RecordedStackTrace stack = e.getStackTrace();
            switch (type) {
                case "jdk.ExecutionSample", "jdk.NativeMethodSample" -> {
                    if (!type.equals("jdk.ExecutionSample")) {
                        continue;
                    }
                    if (focus != null && (stack == null || stack.getFrames().stream().noneMatch(f -> name(f).contains(focus)))) {
                        continue;
                    }
                    samples++;
                    RecordedThread thread = e.getThread("sampledThread");
                    byThread.merge(threadGroup(thread), 1L, Long::sum);
                    if (stack == null || stack.getFrames().isEmpty()) {
                        byCategory.merge("(no stack)", 1L, Long::sum);
                        continue;
                    }
                    List<RecordedFrame> frames = stack.getFrames();
                    self.merge(name(frames.getFirst()), 1L, Long::sum);
                    byCategory.merge(category(frames, threadGroup(thread)), 1L, Long::sum);
                    Set<String> seen = new HashSet<>();
                    for (RecordedFrame f : frames) {
                        String n = name(f);
                        if (seen.add(n)) {
                            total.merge(n, 1L, Long::sum);
                            if (n.startsWith("parley.")) {
                                ownTotal.merge(n, 1L, Long::sum);
                            }
                        }
                    }
                }
                case "jdk.ObjectAllocationInNewTLAB", "jdk.ObjectAllocationOutsideTLAB", "jdk.ObjectAllocationSample" -> {
                    long weight = e.hasField("weight") ? e.getLong("weight")
                            : e.hasField("tlabSize") ? e.getLong("tlabSize") : e.getLong("allocationSize");
                    allocTotal += weight;
                    RecordedClass c = e.getClass("objectClass");
                    allocByClass.merge(c == null ? "?" : c.getName(), weight, Long::sum);
                    if (stack != null) {
                        allocBySite.merge(site(stack.getFrames()), weight, Long::sum);
                    }
                }
                case "jdk.JavaMonitorEnter", "jdk.ThreadPark" -> {
                    if (type.equals("jdk.ThreadPark")) {
                        continue; // parking is mostly idle waiting; contention shows as monitor enters
                    }
                    long nanos = e.getDuration().toNanos();
                    RecordedClass c = e.getClass("monitorClass");
                    String k = c == null ? "?" : c.getName();
                    lockByClass.merge(k, nanos, Long::sum);
                    lockCount.merge(k, 1L, Long::sum);
                    if (stack != null) {
                        lockBySite.merge(site(stack.getFrames()), nanos, Long::sum);
                    }
                }
                default -> {
                }
            }
        }

        StringBuilder out = new StringBuilder();
        out.append("## ").append(title).append("\n\n");
        out.append("window ").append(start.equals(Instant.MIN) ? first : start).append(" .. ").append(end.equals(Instant.MAX) ? "end" : end)
                .append("; ").append(samples).append(" CPU samples")
                .append(focus == null ? "" : " with " + focus + " on the stack (percentages of those)").append("\n\n");
        section(out, "CPU by thread group", byThread, samples, top, "%");
        section(out, "CPU by category (leaf frame's library)", byCategory, samples, top, "%");
        section(out, "hottest methods, self time", self, samples, top, "%");
        section(out, "hottest methods, total time (method on the stack)", total, samples, top, "%");
        section(out, "the project's methods, total time", ownTotal, samples, top, "%");
        section(out, "allocation by class (sampled bytes)", allocByClass, allocTotal, top, "%");
        section(out, "allocation by site (first frame outside java.*, jdk.*, sun.*)", allocBySite, allocTotal, top, "%");
        if (!lockByClass.isEmpty()) {
            out.append("### monitor contention (blocked time by monitor class)\n\n```\n");
            lockByClass.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(top).forEach(en ->
                    out.append(String.format(Locale.ROOT, "%10.1f ms %6d x  %s%n", en.getValue() / 1e6, lockCount.get(en.getKey()), en.getKey())));
            out.append("```\n\n");
            section(out, "monitor contention by site (blocked ms)", scale(lockBySite, 1e-6), -1, top, "ms");
        }
        if (output != null && samples == 0) {
            return; // the process was not running in that window (a restarted worker)
        }
        if (output != null) {
            try (PrintStream ps = new PrintStream(Path.of(output).toFile(), StandardCharsets.UTF_8)) {
                ps.print(out);
            }
        } else {
            System.out.print(out);
        }
    }

    private static Map<String, Long> scale(Map<String, Long> in, double factor) {
        Map<String, Long> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, Math.round(v * factor)));
        return out;
    }

    private static void section(StringBuilder out, String title, Map<String, Long> counts, long total, int top, String unit) {
        if (counts.isEmpty()) {
            return;
        }
        out.append("### ").append(title).append("\n\n```\n");
        counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(top).forEach(e -> {
            if (total > 0) {
                out.append(String.format(Locale.ROOT, "%6.2f %%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
            } else {
                out.append(String.format(Locale.ROOT, "%10d %s  %s%n", e.getValue(), unit, e.getKey()));
            }
        });
        out.append("```\n\n");
    }

    private static Instant parse(String value, Instant reference, Instant fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.contains("T")) {
            return Instant.parse(value);
        }
        LocalDate day = reference.atZone(ZoneOffset.UTC).toLocalDate();
        return LocalTime.parse(value).atDate(day).toInstant(ZoneOffset.UTC);
    }

    private static String name(RecordedFrame f) {
        String type = f.getMethod().getType() == null ? "?" : f.getMethod().getType().getName();
        return type + "." + f.getMethod().getName();
    }

    /** The first frame that is not the JDK's own: who allocated or locked. */
    private static String site(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String n = name(f);
            if (!(n.startsWith("java.") || n.startsWith("jdk.") || n.startsWith("sun."))) {
                return n;
            }
        }
        return frames.isEmpty() ? "?" : name(frames.getFirst());
    }

    private static String threadGroup(RecordedThread thread) {
        if (thread == null) {
            return "?";
        }
        String name = thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
        return name == null ? "?" : name.replaceAll("[0-9]+", "N");
    }

    /** Where a sample's time went: the library of the first frame that is not the JDK's (collections, strings, …). */
    private static String category(List<RecordedFrame> frames, String thread) {
        String leaf = name(frames.getFirst());
        if (!frames.getFirst().isJavaFrame()) {
            if (thread.contains("GC") || thread.contains("G1") || leaf.contains("G1") || leaf.contains("GC")) {
                return "JVM: garbage collection";
            }
            if (thread.contains("Compiler") || leaf.contains("Compile")) {
                return "JVM: JIT compiler";
            }
        }
        for (RecordedFrame f : frames) {
            String n = name(f);
            String c = library(n);
            if (c != null) {
                return c;
            }
        }
        return frames.getFirst().isJavaFrame() ? "JDK (other)" : "native / kernel (" + leaf + ")";
    }

    private static String library(String n) {
        if (n.startsWith("tools.jackson") || n.startsWith("com.fasterxml.jackson")) {
            return "JSON (Jackson)";
        }
        if (n.startsWith("org.apache.kafka")) {
            return "Kafka client";
        }
        if (n.startsWith("org.springframework.kafka")) {
            return "Spring Kafka";
        }
        if (n.startsWith("io.netty")) {
            return "Netty";
        }
        if (n.startsWith("reactor.netty")) {
            return "Reactor Netty";
        }
        if (n.startsWith("reactor.")) {
            return "Reactor core";
        }
        if (n.startsWith("io.r2dbc") || n.startsWith("org.springframework.r2dbc")) {
            return "R2DBC";
        }
        if (n.startsWith("io.lettuce") || n.startsWith("org.springframework.data.redis")) {
            return "Redis (Lettuce)";
        }
        if (n.startsWith("com.nimbusds")) {
            return "JWT (nimbus)";
        }
        if (n.startsWith("io.micrometer")) {
            return "Micrometer";
        }
        if (n.startsWith("ch.qos.logback") || n.startsWith("org.slf4j")) {
            return "logging";
        }
        if (n.startsWith("org.springframework")) {
            return "Spring (other)";
        }
        if (n.startsWith("parley.")) {
            return "Parley code";
        }
        if (n.startsWith("io.github.bucket4j")) {
            return "bucket4j";
        }
        return null;
    }
}
