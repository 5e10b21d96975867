package parley.loadgen;

import java.util.Map;

/** The CPU row of a result: each process group's share of a core between two snapshots, and the machine's. */
final class Cpu {

    private Cpu() {
    }

    static void row(Result result, ProcStats.Snapshot from, ProcStats.Snapshot to, String title) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Double> e : ProcStats.cpuPercent(from, to).entrySet()) {
            if (e.getValue() >= 0.5 || e.getKey().startsWith("machine")) {
                text.append(text.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(Result.f0(e.getValue())).append('%');
                result.number("cpu." + e.getKey(), e.getValue());
            }
        }
        result.row(title, text.toString());
    }
}
