package parley.loadgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time and memory of the benchmark's processes from {@code /proc}. A named root process counts
 * with all its descendants, living or ended; descendants that are other programs (PostgreSQL, Redis
 * started by the dev stack) are counted under their own name, so the table shows where the two cores went.
 */
final class ProcStats {

    /** Kernel clock ticks per second ({@code CLK_TCK}); 100 on every Linux this runs on. */
    static final double TICKS_PER_SECOND = 100.0;

    private ProcStats() {
    }

    record Snapshot(long nanos, Map<String, Long> ticks, long machineBusy, long machineTotal) {
    }

    /** {@code roots}: label → pid. Also counts this process as "loadgen". */
    static Snapshot snapshot(Map<String, Long> roots) {
        Map<Long, long[]> procs = new HashMap<>(); // pid -> {ppid, ticks}
        Map<Long, String> comms = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path dir : dirs) {
                try {
                    String stat = Files.readString(dir.resolve("stat"), StandardCharsets.US_ASCII);
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    long pid = Long.parseLong(stat.substring(0, open).trim());
                    String comm = stat.substring(open + 1, close);
                    String[] f = stat.substring(close + 2).split(" ");
                    // after ")": state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17), i.e. f[0]=state,
                    // f[1]=ppid, f[11..14]; cutime/cstime hold the CPU of children that ended and were waited for
                    // (PostgreSQL's parallel and autovacuum workers, Kafka's ProducerPerformance), which would
                    // otherwise vanish from their group and show up as "other processes"
                    long ppid = Long.parseLong(f[1]);
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
                    procs.put(pid, new long[] {ppid, ticks});
                    comms.put(pid, comm);
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return new Snapshot(System.nanoTime(), Map.of(), 0, 0);
        }
        Map<String, Long> ticks = new LinkedHashMap<>();
        Map<String, Long> allRoots = new LinkedHashMap<>(roots);
        allRoots.put("loadgen", ProcessHandle.current().pid());
        for (Map.Entry<String, Long> root : allRoots.entrySet()) {
            for (long pid : descendants(procs, root.getValue())) {
                String comm = comms.getOrDefault(pid, "?");
                String group = pid == root.getValue() || comm.equals("java") ? root.getKey() : program(comm);
                ticks.merge(group, procs.get(pid)[1], Long::sum);
            }
        }
        long[] machine = machineTicks();
        return new Snapshot(System.nanoTime(), ticks, machine[0], machine[1]);
    }

    /** Per group, the CPU used between two snapshots in percent of one core; "machine" in percent of all cores. */
    static Map<String, Double> cpuPercent(Snapshot from, Snapshot to) {
        double seconds = (to.nanos() - from.nanos()) / 1e9;
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : to.ticks().entrySet()) {
            long before = from.ticks().getOrDefault(e.getKey(), 0L);
            out.put(e.getKey(), (e.getValue() - before) / TICKS_PER_SECOND / seconds * 100.0);
        }
        long total = to.machineTotal() - from.machineTotal();
        if (total > 0) {
            double machine = 100.0 * (to.machineBusy() - from.machineBusy()) / total;
            double ours = out.values().stream().mapToDouble(Double::doubleValue).sum();
            // what the benchmark's own processes do not explain: other jobs on the machine (or the kernel's own work)
            out.put("other processes", Math.max(0, machine * Runtime.getRuntime().availableProcessors() - ours));
            out.put("machine (all cores)", machine);
        }
        return out;
    }

    /** Resident set size in KiB ({@code VmRSS}), or -1. */
    static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    private static String program(String comm) {
        if (comm.startsWith("postgres") || comm.startsWith("postmaster")) {
            return "postgres";
        }
        if (comm.startsWith("redis")) {
            return "redis";
        }
        return comm;
    }

    private static List<Long> descendants(Map<Long, long[]> procs, long root) {
        Map<Long, List<Long>> children = new HashMap<>();
        procs.forEach((pid, info) -> children.computeIfAbsent(info[0], k -> new ArrayList<>()).add(pid));
        List<Long> out = new ArrayList<>();
        List<Long> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            long pid = todo.removeLast();
            if (procs.containsKey(pid)) {
                out.add(pid);
            }
            todo.addAll(children.getOrDefault(pid, List.of()));
        }
        return out;
    }

    private static long[] machineTicks() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst();
            String[] f = cpu.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /**
     * "gateway=123,worker=@/run/worker.pid" → ordered map of pids; "@file" is read now (a process
     * restarted meanwhile is found again). Entries whose pid cannot be read are skipped.
     */
    static Map<String, Long> parseRoots(List<String> entries) {
        Map<String, Long> roots = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                String value = entry.substring(eq + 1).trim();
                try {
                    if (value.startsWith("@")) {
                        value = Files.readString(Path.of(value.substring(1))).trim();
                    }
                    roots.put(entry.substring(0, eq), Long.parseLong(value));
                } catch (IOException | NumberFormatException ignored) {
                    // not (yet) a pid
                }
            }
        }
        return roots;
    }
}
