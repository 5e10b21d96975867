package parley.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life cycle shared by {@link EmbeddedPostgresServer} and {@link EmbeddedRedisServer}: a server in a child process
 * under a {@link WatchedProcess} (so it dies with this JVM, even on {@code kill -9}), listening on {@code 127.0.0.1}
 * on the requested port, or for port 0 on a free one picked at each attempt; when a picked port was taken meanwhile
 * (by another test JVM, say) the start is retried on another. Data lives in a temporary directory that
 * {@link #stop()} deletes, unless the subclass was given a data directory of its own.
 *
 * <p>A subclass says how to {@link #prepare()} its directories, how to {@link #launch()} the process, when it
 * {@link #isReady()} and what in its log means it {@link #isBindFailure could not bind}.
 */
abstract class ChildProcessServer implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(35);

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private final int requestedPort;
    private final boolean durable;
    final Duration startupTimeout;
    private final long pollMillis;

    private WatchedProcess process;
    private Path scratchDirectory;
    private int port;
    /** Set by {@link #prepare()}. */
    Path dataDirectory;
    /** Set by {@link #prepare()}; the server's stdout and stderr are appended to it. */
    Path logFile;

    /**
     * @param name       how messages call the server, e.g. {@code "PostgreSQL"}
     * @param pollMillis how long to wait between two {@link #isReady()} checks
     */
    ChildProcessServer(String name, int requestedPort, boolean durable, Duration startupTimeout, long pollMillis) {
        this.name = name;
        this.requestedPort = requestedPort;
        this.durable = durable;
        this.startupTimeout = startupTimeout;
        this.pollMillis = pollMillis;
    }

    /** Sets {@link #dataDirectory} and {@link #logFile}, creating or initialising what is missing. */
    abstract void prepare();

    /** Starts the server on {@link #port()}, see {@link WatchedProcess#start}. */
    abstract WatchedProcess launch();

    /** Whether the server answers on {@link #port()} yet; a checked exception counts as "not yet". */
    abstract boolean isReady() throws Exception;

    /** Whether the server's log says that it could not bind its port. */
    abstract boolean isBindFailure(String logText);

    public abstract String version();

    /**
     * Prepares, launches and waits until the server is ready. Does nothing when it runs already.
     *
     * @throws IllegalStateException when it does not come up, with the tail of its log
     */
    synchronized void startServer() {
        if (process != null) {
            return;
        }
        long started = System.nanoTime();
        try {
            prepare();
            RuntimeException lastFailure = null;
            int attempts = requestedPort == 0 ? FreePorts.BIND_ATTEMPTS : 1;
            for (int attempt = 1; attempt <= attempts; attempt++) {
                port = FreePorts.pickIfZero(requestedPort);
                try {
                    process = launch();
                    awaitReady();
                    log.info("{} (embedded) ready on {}:{} in {} ms (version {}, data {}, log {})", name, host(), port,
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), version(), dataDirectory, logFile);
                    return;
                } catch (RuntimeException e) {
                    lastFailure = e;
                    stopProcess();
                    if (!isBindFailure(LogFiles.read(logFile))) {
                        break;
                    }
                    if (attempt < attempts) {
                        log.warn("{} could not bind port {}, retrying with another (attempt {}/{})", name, port, attempt, attempts);
                    }
                }
            }
            throw Objects.requireNonNull(lastFailure);
        } catch (RuntimeException e) {
            abandonAfterFailedStart();
            throw e;
        }
    }

    /**
     * Stops the server with its clean-stop signal (killing it if it is still there after 35 s) and deletes a temporary
     * data directory. Idempotent.
     */
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

    /** The operating-system pid of the server process, or -1 when not running. */
    public synchronized long serverPid() {
        return process != null ? process.serverPid() : -1;
    }

    public String host() {
        return FreePorts.LOOPBACK_HOST;
    }

    public synchronized int port() {
        return port;
    }

    public synchronized Path dataDirectory() {
        return dataDirectory;
    }

    public synchronized Path logFile() {
        return logFile;
    }

    public boolean durable() {
        return durable;
    }

    /**
     * A temporary directory {@code <tmpdir>/parley-data-<kind>-*}, created on the first call; a retry after a failed
     * start reuses it. {@link #stop()} deletes it.
     */
    Path scratchDirectory(String kind) {
        if (scratchDirectory == null) {
            scratchDirectory = ScratchDirs.create(kind);
        }
        return scratchDirectory;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitCode().orElse(-1)
                        + " while starting on port " + port + "\n" + LogFiles.tail(logFile, 40));
            }
            try {
                if (isReady()) {
                    return;
                }
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            sleep(pollMillis);
        }
        throw new IllegalStateException(name + " did not answer on " + host() + ":" + port + " within "
                + startupTimeout.toSeconds() + " s (last error: " + last + ")\n" + LogFiles.tail(logFile, 40));
    }

    /**
     * Stops what did start but keeps a temporary data directory with its log for inspection: {@link #stop()} deletes
     * it, otherwise it is swept once this JVM is gone (see {@link ScratchDirs}).
     */
    private void abandonAfterFailedStart() {
        stopProcess();
        if (scratchDirectory != null) {
            log.warn("{} did not start; its data directory and log are kept in {}", name, scratchDirectory);
        }
    }

    private void stopProcess() {
        if (process != null) {
            process.stop(STOP_GRACE);
            process = null;
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + name, e);
        }
    }
}
