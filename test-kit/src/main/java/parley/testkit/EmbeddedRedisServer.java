package parley.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real redis-server (the binary shipped by {@code com.github.codemonstur:embedded-redis}) in a child process,
 * bound to {@code 127.0.0.1}, by default without any persistence. Stopped by {@link #stop()} and by its watchdog if the
 * JVM dies (see {@link WatchedProcess}).
 */
public final class EmbeddedRedisServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisServer.class);
    private static final Pattern VERSION = Pattern.compile("redis_version:(\\S+)");
    private static final Duration STOP_GRACE = Duration.ofSeconds(35);

    private final int requestedPort;
    private final Path requestedDataDirectory;
    private final boolean durable;
    private final Duration startupTimeout;
    private final Map<String, List<String>> settings;

    private WatchedProcess process;
    private Path scratchDirectory;
    private Path dataDirectory;
    private Path logFile;
    private int port;
    private String version = "?";

    private EmbeddedRedisServer(Builder builder) {
        this.requestedPort = builder.port;
        this.requestedDataDirectory = builder.dataDirectory;
        this.durable = builder.durable;
        this.startupTimeout = builder.startupTimeout;
        this.settings = Map.copyOf(builder.settings);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the server and waits until it answers {@code PING}.
     *
     * @return this server
     * @throws IllegalStateException when it does not come up, with the tail of its log
     */
    public synchronized EmbeddedRedisServer start() {
        if (process != null) {
            return this;
        }
        long started = System.nanoTime();
        try {
            if (requestedDataDirectory == null) {
                if (scratchDirectory == null) { // else: a retry after a failed start reuses it
                    scratchDirectory = ScratchDirs.create("redis");
                }
                dataDirectory = scratchDirectory;
                logFile = scratchDirectory.resolve("redis.log");
            } else {
                dataDirectory = requestedDataDirectory.toAbsolutePath();
                Files.createDirectories(dataDirectory);
                logFile = dataDirectory.resolve("redis.log");
            }
            Path executable = RedisBinary.executable();
            RuntimeException lastFailure = null;
            int attempts = requestedPort == 0 ? FreePorts.BIND_ATTEMPTS : 1;
            for (int attempt = 1; attempt <= attempts; attempt++) {
                port = FreePorts.pickIfZero(requestedPort);
                try {
                    process = WatchedProcess.start(command(executable), logFile, "TERM", Map.of());
                    awaitPong();
                    log.info("Redis {} (embedded) ready on {}:{} in {} ms (log {})", version, host(), port,
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), logFile);
                    return this;
                } catch (RuntimeException e) {
                    lastFailure = e;
                    stopProcess();
                    String logText = LogFiles.read(logFile);
                    if (!logText.contains("Address already in use") && !logText.contains("Could not create server TCP")) {
                        break;
                    }
                    if (attempt < attempts) {
                        log.warn("redis-server could not bind port {}, retrying with another (attempt {}/{})", port, attempt, attempts);
                    }
                }
            }
            throw Objects.requireNonNull(lastFailure);
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            abandonAfterFailedStart();
            throw e;
        }
    }

    /**
     * Stops what did start but keeps a temporary data directory with its log for inspection: {@link #stop()} deletes
     * it, otherwise it is swept once this JVM is gone (see {@link ScratchDirs}).
     */
    private void abandonAfterFailedStart() {
        stopProcess();
        if (scratchDirectory != null) {
            log.warn("redis-server did not start; its data directory and log are kept in {}", scratchDirectory);
        }
    }

    /** Stops the server (SIGTERM) and deletes a temporary data directory. Idempotent. */
    public synchronized void stop() {
        stopProcess();
        if (scratchDirectory != null) {
            ScratchDirs.deleteRecursively(scratchDirectory,
                    e -> log.warn("Could not delete {}: {}", scratchDirectory, e.toString()));
            scratchDirectory = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The operating-system pid of the redis-server process, or -1 when not running. */
    public synchronized long serverPid() {
        return process != null ? process.serverPid() : -1;
    }

    public String host() {
        return FreePorts.LOOPBACK_HOST;
    }

    public synchronized int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>} */
    public String uri() {
        return endpoint().uri();
    }

    public RedisEndpoint endpoint() {
        return new RedisEndpoint(host(), port());
    }

    public synchronized String version() {
        return version;
    }

    public synchronized Path logFile() {
        return logFile;
    }

    public synchronized Path dataDirectory() {
        return dataDirectory;
    }

    public boolean durable() {
        return durable;
    }

    private List<String> command(Path executable) {
        Map<String, List<String>> effective = new LinkedHashMap<>();
        effective.put("port", List.of(Integer.toString(port)));
        effective.put("bind", List.of(FreePorts.LOOPBACK_HOST));
        effective.put("protected-mode", List.of("yes"));
        effective.put("daemonize", List.of("no"));
        effective.put("logfile", List.of(""));
        effective.put("dir", List.of(dataDirectory.toString()));
        if (durable) {
            effective.put("appendonly", List.of("yes"));
            effective.put("appendfsync", List.of("everysec"));
        } else {
            effective.put("save", List.of(""));
            effective.put("appendonly", List.of("no"));
        }
        effective.putAll(settings);
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        effective.forEach((name, values) -> {
            command.add("--" + name);
            command.addAll(values);
        });
        return command;
    }

    private void awaitPong() {
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with code " + process.exitCode().orElse(-1)
                        + " while starting on port " + port + "\n" + LogFiles.tail(logFile, 30));
            }
            try {
                if (command("PING").startsWith("+PONG")) {
                    Matcher matcher = VERSION.matcher(command("INFO server"));
                    version = matcher.find() ? matcher.group(1) : "?";
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            sleep(50);
        }
        throw new IllegalStateException("redis-server did not answer PING on " + host() + ":" + port + " within "
                + startupTimeout.toSeconds() + " s (last error: " + last + ")\n" + LogFiles.tail(logFile, 30));
    }

    /** Sends one inline command and returns the reply's first chunk (enough for PING and INFO). */
    private String command(String inline) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(FreePorts.loopback(), port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            int n = in.read(buffer);
            return n <= 0 ? "" : new String(buffer, 0, n, StandardCharsets.US_ASCII);
        }
    }

    private void stopProcess() {
        if (process != null) {
            process.stop(STOP_GRACE);
            process = null;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for redis-server", e);
        }
    }

    /** Options of an {@link EmbeddedRedisServer}. */
    public static final class Builder {
        private int port;
        private Path dataDirectory;
        private boolean durable;
        private Duration startupTimeout = Duration.ofSeconds(20);
        private final Map<String, List<String>> settings = new LinkedHashMap<>();

        private Builder() {
        }

        /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** A persistent working directory (kept on stop); {@code null} (default) uses a temporary one. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** {@code true}: append-only file with fsync every second; {@code false} (default): no persistence at all. */
        public Builder durable(boolean durable) {
            this.durable = durable;
            return this;
        }

        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = Objects.requireNonNull(startupTimeout);
            return this;
        }

        /** Any redis.conf directive as a command-line option, e.g. {@code setting("maxmemory", "64mb")}. */
        public Builder setting(String name, String... values) {
            settings.put(name, List.of(values));
            return this;
        }

        public EmbeddedRedisServer build() {
            return new EmbeddedRedisServer(this);
        }
    }
}
