package parley.testkit.leaks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs of the servers a test started as child processes (a gateway, a worker): their Netty leak
 * reports are lines in those logs, which {@link NoNettyLeaks} reads after every test class.
 */
public final class ChildProcessLogs {

    private static final Map<Path, Integer> LINES_READ = new ConcurrentHashMap<>();

    private ChildProcessLogs() {
    }

    /** From now on, LEAK lines appended to this log fail the test class that is running. */
    public static void watch(Path log) {
        LINES_READ.putIfAbsent(log.toAbsolutePath(), 0);
    }

    /** The LEAK lines (with the stack records that follow them) appended to the watched logs since the last call. */
    public static synchronized List<String> newLeakReports() {
        List<String> reports = new ArrayList<>();
        for (Map.Entry<Path, Integer> watched : LINES_READ.entrySet()) {
            List<String> lines;
            try {
                lines = Files.exists(watched.getKey()) ? Files.readAllLines(watched.getKey(), StandardCharsets.UTF_8) : List.of();
            } catch (IOException | java.io.UncheckedIOException unreadable) {
                continue;
            }
            for (int i = watched.getValue(); i < lines.size(); i++) {
                if (lines.get(i).contains("LEAK:")) {
                    StringBuilder report = new StringBuilder(watched.getKey().getFileName() + ": " + lines.get(i));
                    for (int j = i + 1; j < Math.min(lines.size(), i + 40) && !lines.get(j).contains("LEAK:"); j++) {
                        report.append('\n').append(lines.get(j));
                    }
                    reports.add(report.toString());
                }
            }
            watched.setValue(lines.size());
        }
        return reports;
    }
}
