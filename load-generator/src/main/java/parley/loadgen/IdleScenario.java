package parley.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.JsonNode;

/**
 * Idle-socket capacity and connect rate of one gateway: N authenticated sockets opened with C
 * upgrades in flight (connects/s and upgrade latency), held open without traffic, and the
 * gateway's heap (Micrometer's {@code jvm.memory.used}, area heap, right after a full GC requested
 * with {@code jcmd GC.run}) and resident set size ({@code /proc/<pid>/status}) before and after,
 * per connection.
 */
final class IdleScenario {

    private IdleScenario() {
    }

    static Result run(Options o) throws Exception {
        String gateway = o.required("gateway");
        // the actuator has a port of its own, on loopback (management.server.port)
        String management = o.required("gateway-management");
        long pid = o.longValue("gateway-pid", -1);
        int sockets = o.integer("sockets", 10_000);
        int userCount = o.integer("users", 100);
        int parallelism = o.integer("parallelism", 100);
        Duration hold = o.duration("hold", Duration.ofSeconds(10));
        Path out = Path.of(o.string("out", "target/bench"));
        Path usersFile = o.string("users-file", null) == null ? null : Path.of(o.string("users-file", null));
        String jcmd = o.string("jcmd", Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        String heapLimit = o.string("heap-limit", null);
        int loopsCount = o.integer("event-loops", 2);
        List<String> pidSpecs = o.list("pids", "");
        o.checkAllRead();
        Files.createDirectories(out);

        Rest rest = new Rest(gateway);
        Rest actuator = new Rest(management);
        List<UserPool.User> users = UserPool.ensure(rest, userCount, usersFile, 4);

        double[] before = measure(actuator, pid, jcmd);
        Map<String, long[]> histogramBefore = classHistogram(pid, jcmd);
        Log.info("[idle] before: heap %.1f MiB, RSS %.1f MiB", before[0] / 1048576, before[1] / 1048576);

        LoopResources loops = LoopResources.create("idle", loopsCount, true);
        HttpClient client = ChatSocket.client(loops);
        List<ChatSocket> open = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        try (LatencyLog connectLog = new LatencyLog(out.resolve("idle-connect.hlog"), "idle sockets: WebSocket upgrade")) {
            ProcStats.Snapshot cpuFrom = ProcStats.snapshot(ProcStats.parseRoots(pidSpecs));
            long started = System.nanoTime();
            List<ChatSocket> opened = Flux.range(0, sockets)
                    .flatMap(i -> {
                        long t0 = System.nanoTime();
                        return ChatSocket.connect(client, Protocol.WS, gateway, users.get(i % userCount).token(), i, (s, text, now) -> { }, Duration.ofSeconds(60))
                                .doOnNext(s -> connectLog.record((System.nanoTime() - t0) / 1000))
                                .onErrorResume(e -> {
                                    if (failures.incrementAndGet() <= 3) {
                                        Log.info("[idle] connect failed: %s", e.toString());
                                    }
                                    return reactor.core.publisher.Mono.empty();
                                });
                    }, parallelism)
                    .collectList()
                    .block(Duration.ofSeconds(600));
            long connected = System.nanoTime();
            ProcStats.Snapshot cpuTo = ProcStats.snapshot(ProcStats.parseRoots(pidSpecs));
            double connectSeconds = (connected - started) / 1e9;
            open.addAll(opened);
            connectLog.tick();
            connectLog.writePercentiles(out.resolve("idle-connect.hgrm"));
            Log.info("[idle] %d sockets open in %.1f s (%.0f/s), %d failed; holding %d s", open.size(), connectSeconds,
                    open.size() / connectSeconds, failures.get(), hold.toSeconds());

            Rest.sleep(hold.toMillis());
            long stillOpen = open.stream().filter(ChatSocket::isOpen).count();
            double[] after = measure(actuator, pid, jcmd);
            Map<String, long[]> histogramAfter = classHistogram(pid, jcmd);
            Log.info("[idle] with %d open: heap %.1f MiB, RSS %.1f MiB", stillOpen, after[0] / 1048576, after[1] / 1048576);

            Result result = new Result("idle", "Idle sockets on one gateway, and connect rate");
            result.window(started, connected);
            result.config.put("sockets", Integer.toString(sockets));
            result.config.put("users", userCount + " (sockets spread over them; each upgrade carries a JWT)");
            result.config.put("upgrades in flight", Integer.toString(parallelism));
            result.config.put("hold", hold.toSeconds() + " s without traffic");
            if (heapLimit != null) {
                result.config.put("gateway heap limit", heapLimit);
            }
            double perHeap = (after[0] - before[0]) / Math.max(1, stillOpen);
            double perRss = (after[1] - before[1]) / Math.max(1, stillOpen);
            result.number("sockets", sockets).number("open", stillOpen).number("failed", failures.get())
                    .number("connectRate", open.size() / connectSeconds)
                    .number("connectP50", connectLog.millis(50)).number("connectP99", connectLog.millis(99))
                    .number("connectMax", connectLog.maxMillis())
                    .number("heapBefore", before[0]).number("heapAfter", after[0])
                    .number("rssBefore", before[1]).number("rssAfter", after[1])
                    .number("heapPerSocket", perHeap).number("rssPerSocket", perRss);
            result.row("sockets open after the hold / asked / failed", stillOpen + " / " + sockets + " / " + failures.get());
            result.row("connect rate", Result.f0(open.size() / connectSeconds) + " upgrades/s (" + Result.f1(connectSeconds) + " s for "
                    + open.size() + ")");
            result.row("upgrade latency p50 / p99 / max", Result.ms(connectLog.millis(50)) + " / " + Result.ms(connectLog.millis(99))
                    + " / " + Result.ms(connectLog.maxMillis()));
            result.row("gateway heap after GC: before → with sockets", mib(before[0]) + " → " + mib(after[0]));
            result.row("gateway RSS: before → with sockets", mib(before[1]) + " → " + mib(after[1]));
            result.row("per connection: heap / RSS", Result.f1(perHeap / 1024) + " KiB / " + Result.f1(perRss / 1024) + " KiB");
            result.row("heap for 10,000 sockets (extrapolated)", mib(before[0] + perHeap * 10_000));
            Cpu.row(result, cpuFrom, cpuTo, "CPU (% of one core; while connecting)");
            if (!histogramAfter.isEmpty()) {
                writeHistogramDiff(out.resolve("idle-heap-by-class.txt"), histogramBefore, histogramAfter, stillOpen);
                result.files.add("idle-heap-by-class.txt");
            }
            result.files.add("idle-connect.hlog");
            result.files.add("idle-connect.hgrm");
            result.write(out);
            Log.info("[idle] done: %s", result.table);
            return result;
        } finally {
            for (ChatSocket socket : open) {
                socket.close();
            }
            try {
                loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
            } catch (RuntimeException slow) {
                // closing thousands of sockets can take longer; the JVM ends anyway
            }
        }
    }

    /** class name → {instances, bytes} from {@code jcmd GC.class_histogram} (live objects: it runs a full GC). */
    private static Map<String, long[]> classHistogram(long pid, String jcmd) {
        Map<String, long[]> classes = new HashMap<>();
        if (pid <= 0) {
            return classes;
        }
        try {
            Process p = new ProcessBuilder(jcmd, Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).start();
            try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    String[] f = line.trim().split("\\s+");
                    // "   1:   12345   678900  java.lang.String (java.base@25)"
                    if (f.length >= 4 && f[0].endsWith(":") && Character.isDigit(f[0].charAt(0))) {
                        classes.merge(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])},
                                (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
                    }
                }
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (Exception e) {
            Log.info("[idle] no class histogram: %s", e);
        }
        return classes;
    }

    /** What the open sockets hold, by class: the growth between the two histograms, per socket. */
    private static void writeHistogramDiff(Path file, Map<String, long[]> before, Map<String, long[]> after, long sockets) throws IOException {
        List<Map.Entry<String, long[]>> growth = new ArrayList<>();
        long totalBytes = 0;
        for (Map.Entry<String, long[]> e : after.entrySet()) {
            long[] b = before.getOrDefault(e.getKey(), new long[2]);
            long[] d = {e.getValue()[0] - b[0], e.getValue()[1] - b[1]};
            if (d[1] > 0) {
                growth.add(Map.entry(e.getKey(), d));
                totalBytes += d[1];
            }
        }
        growth.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
        StringBuilder text = new StringBuilder();
        text.append(String.format(java.util.Locale.ROOT, "Gateway heap growth with %d idle sockets open, by class (jcmd GC.class_histogram after a full GC,%n"
                + "with the sockets minus before them). Total %.1f MiB, %.1f KiB per socket.%n%n", sockets, totalBytes / 1048576.0,
                totalBytes / 1024.0 / Math.max(1, sockets)));
        text.append(String.format(java.util.Locale.ROOT, "%12s %14s %10s %12s  %s%n", "instances", "bytes", "share", "per socket", "class"));
        for (Map.Entry<String, long[]> e : growth.subList(0, Math.min(40, growth.size()))) {
            text.append(String.format(java.util.Locale.ROOT, "%12d %14d %9.1f%% %10.1f B  %s%n", e.getValue()[0], e.getValue()[1],
                    100.0 * e.getValue()[1] / Math.max(1, totalBytes), (double) e.getValue()[1] / Math.max(1, sockets), e.getKey()));
        }
        Files.writeString(file, text);
    }

    private static String mib(double bytes) {
        return Result.f1(bytes / 1048576) + " MiB";
    }

    /** {heap used after a full GC, RSS} in bytes. */
    private static double[] measure(Rest actuator, long pid, String jcmd) throws Exception {
        if (pid > 0) {
            Process gc = new ProcessBuilder(jcmd, Long.toString(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!gc.waitFor(60, TimeUnit.SECONDS)) {
                gc.destroyForcibly();
            }
            Rest.sleep(1000);
        }
        JsonNode metric = actuator.get("/actuator/metrics/jvm.memory.used?tag=area:heap", null);
        double heap = Double.NaN;
        for (JsonNode m : metric.get("measurements")) {
            if ("VALUE".equals(m.get("statistic").asString())) {
                heap = m.get("value").asDouble();
            }
        }
        double rss = pid > 0 ? ProcStats.rssKib(pid) * 1024.0 : Double.NaN;
        return new double[] {heap, rss};
    }
}
