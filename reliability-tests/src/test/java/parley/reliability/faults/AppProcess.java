package parley.reliability.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import parley.testkit.leaks.ChildProcessLogs;

/**
 * A gateway or worker jar running as a real child JVM. The JVM is started by a small {@code /bin/sh}
 * guard that holds a pipe from this (test) JVM: when the test JVM goes away for any reason, even
 * {@code kill -9}, the pipe closes and the guard kills the child, so no Parley process outlives a test
 * run. {@link #kill9()} sends SIGKILL to the Parley JVM itself, not to the guard.
 */
final class AppProcess {

    /*
     * $1 = log file, the rest = the command. The command's stdin is /dev/null; the guard's own
     * stdin (the pipe from the test JVM) is read by a background 'cat' that returns on end of file.
     * An asynchronous list would get /dev/null as stdin, hence the copy on fd 3.
     */
    private static final String GUARD = """
            log=$1; shift
            exec 3<&0
            "$@" </dev/null >>"$log" 2>&1 3<&- &
            app=$!
            echo "$app"
            ( cat <&3 >/dev/null 2>&1; kill -TERM "$app" 2>/dev/null; sleep 10; kill -KILL "$app" 2>/dev/null ) </dev/null >/dev/null 2>&1 &
            guard=$!
            exec 3<&-
            wait "$app"
            rc=$?
            kill "$guard" 2>/dev/null
            exit "$rc"
            """;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process guard;
    private final long pid;
    private final Path log;
    private final int port;
    private final int managementPort;
    private final String healthPath;
    private final long startedNanos = System.nanoTime();

    private AppProcess(String name, Process guard, long pid, Path log, int port, int managementPort, String healthPath) {
        this.name = name;
        this.guard = guard;
        this.pid = pid;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
        this.healthPath = healthPath;
    }

    static AppProcess start(String name, Path jar, List<String> jvmArgs, List<String> appArgs, Map<String, String> env,
                            Path log, int port, int managementPort, String healthPath) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw -o install -DskipTests first");
        }
        String javaBin = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", GUARD, "parley-fault-guard", log.toString(), javaBin));
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(appArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "=== " + name + " started " + Instant.now() + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Process guard = builder.start();
            ChildProcessLogs.watch(log);
            String pidLine = new BufferedReader(new InputStreamReader(guard.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            if (pidLine == null) {
                guard.destroyForcibly();
                throw new IllegalStateException(name + " did not start; see " + log);
            }
            return new AppProcess(name, guard, Long.parseLong(pidLine.trim()), log, port, managementPort, healthPath);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return pid;
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    /** Where the actuator answers: the gateway's management port, the worker's own port. */
    String managementHttp() {
        return "http://127.0.0.1:" + managementPort;
    }

    String http() {
        return "http://127.0.0.1:" + port;
    }

    String ws() {
        return "ws://127.0.0.1:" + port + "/ws";
    }

    /** The Parley JVM still runs (the guard exits exactly when it does). */
    boolean alive() {
        return guard.isAlive();
    }

    /** Polls the health endpoint until it answers 200; returns the time since the process was started. */
    Duration awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!alive()) {
                throw new IllegalStateException(name + " exited while starting; log " + log + "\n" + tail(60));
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(http() + healthPath))
                        .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Sleep.millis(250);
        }
        throw new IllegalStateException(name + " not healthy within " + timeout.toSeconds() + " s (last: " + last + "); log "
                + log + "\n" + tail(60));
    }

    /** SIGKILL to the Parley JVM (what {@code Process.destroyForcibly()} sends); waits until it is gone. */
    void kill9() {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        awaitExit(Duration.ofSeconds(10));
        closePipe();
    }

    /**
     * SIGTERM (Spring's graceful shutdown), SIGKILL after 20 s. Idempotent. First the process is made
     * to collect its garbage and to allocate again, which is when Netty reports buffers that leaked
     * (the leak check reads them from the log).
     */
    void stop() {
        if (alive()) {
            provokeLeakReports();
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            if (!awaitExit(Duration.ofSeconds(20))) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                awaitExit(Duration.ofSeconds(10));
            }
        }
        closePipe();
        if (guard.isAlive()) {
            guard.destroyForcibly();
        }
    }

    private void provokeLeakReports() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            gc.waitFor(10, TimeUnit.SECONDS);
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(http() + healthPath)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException | RuntimeException e) {
            // a process that cannot be asked is stopped anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return guard.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void closePipe() {
        try {
            guard.getOutputStream().close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public String toString() {
        return name + "[pid " + pid + ", port " + port + "]";
    }
}
