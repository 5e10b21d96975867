package parley.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server (zonky's binaries, see {@link PostgresBinaries}) in a child process, listening on
 * {@code 127.0.0.1} only, with trust authentication for loopback connections.
 *
 * <p>When the JVM runs as root, {@code initdb} and {@code postgres} run as uid/gid 65534 via {@code setpriv}; the
 * data directory must then be reachable by that user (temporary ones are created under {@code java.io.tmpdir}).
 * The server is stopped by {@link #stop()}, and by its watchdog if the JVM dies (see {@link WatchedProcess}).
 *
 * <pre>{@code
 * try (var pg = EmbeddedPostgresServer.builder().build().start()) {
 *     java.sql.DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
 * }
 * }</pre>
 */
public final class EmbeddedPostgresServer extends ChildProcessServer {

    private static final Driver DRIVER = new org.postgresql.Driver();

    private final Path requestedDataDirectory;
    private final String database;
    private final String username;
    private final Map<String, String> settings;

    private String version = "PostgreSQL";

    private EmbeddedPostgresServer(Builder builder) {
        super("PostgreSQL", builder.port, builder.durable, builder.startupTimeout, 100);
        this.requestedDataDirectory = builder.dataDirectory;
        this.database = builder.database;
        this.username = builder.username;
        this.settings = Map.copyOf(builder.settings);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs initdb when the data directory is new, starts the server, waits until it accepts JDBC connections and
     * creates the database when it does not exist yet.
     *
     * @return this server
     * @throws IllegalStateException when the server does not come up, with the tail of its log
     */
    public EmbeddedPostgresServer start() {
        startServer();
        return this;
    }

    public String database() {
        return database;
    }

    public String username() {
        return username;
    }

    /** Any password works (trust authentication on loopback); this one is handed to clients that insist on one. */
    public String password() {
        return username;
    }

    public String jdbcUrl() {
        return endpoint().jdbcUrl();
    }

    public String r2dbcUrl() {
        return endpoint().r2dbcUrl();
    }

    public PostgresEndpoint endpoint() {
        return new PostgresEndpoint(host(), port(), database, username, password());
    }

    /** For example {@code "PostgreSQL 17.6"}. */
    @Override
    public synchronized String version() {
        return version;
    }

    @Override
    void prepare() {
        Path initdb = PostgresBinaries.bin("initdb");
        try {
            if (requestedDataDirectory == null) {
                Path scratch = scratchDirectory("postgres");
                Posix.chownToUnprivilegedIfRoot(scratch);
                dataDirectory = scratch.resolve("pgdata");
                logFile = scratch.resolve("postgres.log");
            } else {
                dataDirectory = requestedDataDirectory.toAbsolutePath();
                if (!Files.isDirectory(dataDirectory)) {
                    Files.createDirectories(dataDirectory);
                }
                Posix.chownToUnprivilegedIfRoot(dataDirectory);
                logFile = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
            }
            version = queryVersion();
            if (Files.exists(dataDirectory.resolve("PG_VERSION"))) {
                return;
            }
            List<String> command = new ArrayList<>(List.of(initdb.toString(), "-D", dataDirectory.toString(),
                    "-U", username, "-E", "UTF8", "--locale=C", "--auth=trust", "--no-instructions"));
            if (!durable()) {
                command.add("--no-sync");
            }
            Process initdbProcess = new ProcessBuilder(Posix.asUnprivilegedIfRoot(command))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!initdbProcess.waitFor(Math.max(60, startupTimeout.toSeconds()), TimeUnit.SECONDS)) {
                initdbProcess.destroyForcibly();
                throw new IllegalStateException("initdb timed out\n" + LogFiles.tail(logFile, 40));
            }
            if (initdbProcess.exitValue() != 0) {
                throw new IllegalStateException("initdb failed with exit code " + initdbProcess.exitValue()
                        + (Posix.isRoot() ? " (running as uid " + Posix.UNPRIVILEGED_UID
                        + ": the data directory and its parents must be reachable by that user)" : "")
                        + "\n" + LogFiles.tail(logFile, 40));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare PostgreSQL data directory " + dataDirectory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running initdb", e);
        }
    }

    /** Runs {@code postgres --version} the way the server will run, which also proves that it can be executed. */
    private static String queryVersion() throws IOException, InterruptedException {
        Path postgres = PostgresBinaries.bin("postgres");
        Process p = new ProcessBuilder(Posix.asUnprivilegedIfRoot(List.of(postgres.toString(), "--version")))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        boolean exited = p.waitFor(30, TimeUnit.SECONDS);
        if (!exited || p.exitValue() != 0 || !out.contains("PostgreSQL")) {
            p.destroyForcibly();
            throw new IllegalStateException("Cannot run " + postgres
                    + (Posix.isRoot() ? " as uid " + Posix.UNPRIVILEGED_UID + " (java.io.tmpdir and its parents must be "
                    + "world-traversable)" : "") + ": " + out);
        }
        // "postgres (PostgreSQL) 17.6"
        int paren = out.indexOf(") ");
        return paren > 0 ? "PostgreSQL " + out.substring(paren + 2) : "PostgreSQL";
    }

    @Override
    WatchedProcess launch() {
        Map<String, String> effective = new LinkedHashMap<>();
        effective.put("listen_addresses", FreePorts.LOOPBACK_HOST);
        effective.put("unix_socket_directories", "");
        if (!durable()) {
            effective.put("fsync", "off");
            effective.put("synchronous_commit", "off");
            effective.put("full_page_writes", "off");
        }
        effective.put("max_connections", "200");
        effective.putAll(settings);
        List<String> command = new ArrayList<>(List.of(PostgresBinaries.bin("postgres").toString(),
                "-D", dataDirectory.toString(), "-p", Integer.toString(port())));
        effective.forEach((key, value) -> {
            command.add("-c");
            command.add(key + "=" + value);
        });
        return WatchedProcess.start(Posix.asUnprivilegedIfRoot(command), logFile, "INT",
                Map.of("LC_ALL", "C", "LANG", "C"));
    }

    /** Ready once it accepts JDBC connections; then creates the database when it does not exist yet. */
    @Override
    boolean isReady() throws SQLException {
        connect(postgresDatabaseUrl(), 5).close();
        createDatabaseIfMissing();
        return true;
    }

    @Override
    boolean isBindFailure(String logText) {
        return logText.contains("could not bind");
    }

    private String postgresDatabaseUrl() {
        return "jdbc:postgresql://" + host() + ":" + port() + "/postgres";
    }

    private Connection connect(String url, int socketTimeoutSeconds) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", username);
        props.setProperty("password", password());
        // all in seconds: a port that accepts but never answers must not hang the readiness loop
        props.setProperty("connectTimeout", "2");
        props.setProperty("loginTimeout", "5");
        props.setProperty("socketTimeout", Integer.toString(socketTimeoutSeconds));
        // the driver directly, not DriverManager: DriverManager finds drivers through the thread's context
        // class loader, which in a pool thread of a packaged launcher (dev-stack) cannot see the driver
        Connection connection = DRIVER.connect(url, props);
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver does not accept " + url);
        }
        return connection;
    }

    private void createDatabaseIfMissing() {
        try (Connection connection = connect(postgresDatabaseUrl(), 120)) {
            try (PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                exists.setString(1, database);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("create database \"" + database.replace("\"", "\"\"") + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + "\n" + LogFiles.tail(logFile, 20), e);
        }
    }

    /** Options of an {@link EmbeddedPostgresServer}. */
    public static final class Builder {
        private int port;
        private Path dataDirectory;
        private boolean durable;
        private String database = "parley";
        private String username = "parley";
        private Duration startupTimeout = Duration.ofSeconds(60);
        private final Map<String, String> settings = new LinkedHashMap<>();

        private Builder() {
        }

        /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * A persistent PGDATA directory (initialised on first use, kept on stop; its log goes to
         * {@code <dir>.log}). {@code null} (the default) uses a temporary directory that is deleted on stop.
         */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** {@code false} (the default) turns fsync, synchronous_commit and full_page_writes off: fast, for tests. */
        public Builder durable(boolean durable) {
            this.durable = durable;
            return this;
        }

        public Builder database(String database) {
            this.database = Objects.requireNonNull(database);
            return this;
        }

        /** The superuser created by initdb (default {@code parley}). */
        public Builder username(String username) {
            this.username = Objects.requireNonNull(username);
            return this;
        }

        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = Objects.requireNonNull(startupTimeout);
            return this;
        }

        /** Any server setting, passed as {@code -c name=value}; overrides the defaults of this class. */
        public Builder setting(String name, String value) {
            settings.put(name, value);
            return this;
        }

        public EmbeddedPostgresServer build() {
            return new EmbeddedPostgresServer(this);
        }
    }
}
