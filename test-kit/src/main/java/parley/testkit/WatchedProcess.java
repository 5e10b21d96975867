package parley.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An external server process that cannot outlive this JVM, not even a {@code kill -9} of it.
 *
 * <p>The server is started by a tiny {@code /bin/sh} watchdog. The JVM holds the write end of the watchdog's
 * stdin pipe and never writes to it; the kernel closes that pipe when the JVM exits for whatever reason (normal
 * exit, crash, SIGKILL), and the watchdog, blocked reading it, then sends the server its stop signal (escalating
 * to SIGKILL after 30 s). {@link #stop(Duration)} uses the very same path by closing the pipe. The watchdog runs as
 * the JVM's user even when the server itself runs unprivileged, so it may always signal the server.
 */
final class WatchedProcess {

    private static final String WATCHDOG = """
            log=$1; sig=$2; shift 2
            exec 3<&0
            "$@" </dev/null >>"$log" 2>&1 3<&- &
            spid=$!
            echo "$spid"
            (
              cat <&3 >/dev/null 2>&1
              kill -s "$sig" "$spid" 2>/dev/null
              n=0
              while kill -0 "$spid" 2>/dev/null; do
                n=$((n+1))
                if [ "$n" -ge 300 ]; then kill -s KILL "$spid" 2>/dev/null; break; fi
                sleep 0.1
              done
            ) </dev/null >/dev/null 2>&1 &
            wpid=$!
            exec 3<&-
            wait "$spid"
            rc=$?
            kill "$wpid" 2>/dev/null
            exit "$rc"
            """;

    private final Process watchdog;
    private final long serverPid;
    private final Path logFile;

    private WatchedProcess(Process watchdog, long serverPid, Path logFile) {
        this.watchdog = watchdog;
        this.serverPid = serverPid;
        this.logFile = logFile;
    }

    /**
     * Starts {@code command} under the watchdog, appending its stdout and stderr to {@code logFile}.
     *
     * @param stopSignal the signal name that stops the server cleanly ({@code INT} for PostgreSQL's fast
     *                   shutdown, {@code TERM} for redis-server)
     */
    static WatchedProcess start(List<String> command, Path logFile, String stopSignal, Map<String, String> env) {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", WATCHDOG, "parley-watchdog",
                logFile.toString(), stopSignal));
        argv.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
            String pidLine = out.readLine();
            if (pidLine == null) {
                process.destroyForcibly();
                throw new IOException("watchdog did not report the server pid; " + LogFiles.tail(logFile, 20));
            }
            return new WatchedProcess(process, Long.parseLong(pidLine.trim()), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command, e);
        }
    }

    long serverPid() {
        return serverPid;
    }

    Path logFile() {
        return logFile;
    }

    /** The watchdog exits exactly when the server has exited. */
    boolean isAlive() {
        return watchdog.isAlive();
    }

    Optional<Integer> exitCode() {
        return watchdog.isAlive() ? Optional.empty() : Optional.of(watchdog.exitValue());
    }

    /** Stops the server via its clean-stop signal and waits; kills it if it does not stop within {@code grace}. */
    void stop(Duration grace) {
        closeQuietly(watchdog.getOutputStream());
        try {
            if (!watchdog.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessHandle.of(serverPid).ifPresent(ProcessHandle::destroyForcibly);
                watchdog.destroyForcibly();
                watchdog.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessHandle.of(serverPid).ifPresent(ProcessHandle::destroyForcibly);
            watchdog.destroyForcibly();
        }
        closeQuietly(watchdog.getInputStream());
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // nothing to do
        }
    }

    static void closeQuietly(OutputStream stream) {
        closeQuietly((AutoCloseable) stream);
    }
}
