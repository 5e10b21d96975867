package parley.loadgen;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Progress lines on standard error: the scenario's own output, apart from any library logging. */
final class Log {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Log() {
    }

    static void info(String format, Object... args) {
        System.err.println("[loadgen " + LocalTime.now().format(TIME) + "] " + String.format(format, args));
    }
}
