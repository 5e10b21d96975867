package parley.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

final class LogFiles {

    private LogFiles() {
    }

    /** The last {@code lines} lines of a log file, for exception messages; never throws. */
    static String tail(Path file, int lines) {
        if (file == null) {
            return "(no log file)";
        }
        try {
            List<String> all = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
            return "--- last " + last.size() + " lines of " + file + " ---\n" + String.join("\n", last);
        } catch (IOException | RuntimeException e) {
            return "(could not read " + file + ": " + e + ")";
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
