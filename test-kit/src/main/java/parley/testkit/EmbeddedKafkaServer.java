package parley.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, single-node Kafka (KRaft, combined broker + controller) running inside this JVM, with both listeners on
 * {@code 127.0.0.1} only.
 *
 * <p>It runs Kafka's own {@code KafkaRaftServer} with a formatted log directory, like {@code kafka-storage.sh format}
 * followed by {@code kafka-server-start.sh} would. (spring-kafka-test's {@code EmbeddedKafkaKraftBroker} was the first
 * choice, but its test kit pre-binds every listener on the wildcard address and always uses throw-away directories.)
 * Because it lives in the JVM it dies with it; a temporary data directory left behind by a killed JVM is swept by the
 * next one (see {@link ScratchDirs}).
 */
public final class EmbeddedKafkaServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaServer.class);
    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final AtomicInteger EXIT_OVERRIDES = new AtomicInteger();
    private static final Pattern BIND_FAILURE = Pattern.compile("failed to bind to [^\\s:]+:(\\d+)");

    private final int requestedPort;
    private final int requestedControllerPort;
    private final Path requestedDataDirectory;
    private final boolean durable;
    private final boolean interceptExit;
    private final Duration startupTimeout;

    private KafkaRaftServer server;
    private Path scratchDirectory;
    private Path logDirectory;
    private int port;
    private int controllerPort;
    private boolean exitIntercepted;

    private EmbeddedKafkaServer(Builder builder) {
        this.requestedPort = builder.port;
        this.requestedControllerPort = builder.controllerPort;
        this.requestedDataDirectory = builder.dataDirectory;
        this.durable = builder.durable;
        this.interceptExit = builder.interceptExit;
        this.startupTimeout = builder.startupTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats the log directory if it is new, starts the node and waits until an admin client sees the broker.
     *
     * @return this server
     */
    public synchronized EmbeddedKafkaServer start() {
        if (server != null) {
            return this;
        }
        long started = System.nanoTime();
        try {
            if (requestedDataDirectory == null) {
                if (scratchDirectory == null) {
                    scratchDirectory = ScratchDirs.create("kafka");
                }
                logDirectory = scratchDirectory.resolve("kraft-combined-logs");
            } else {
                logDirectory = requestedDataDirectory.toAbsolutePath();
            }
            Files.createDirectories(logDirectory);
            if (interceptExit && !exitIntercepted) {
                interceptExit();
            }
            boolean autoPorts = requestedPort == 0 || requestedControllerPort == 0;
            int attempts = autoPorts ? FreePorts.BIND_ATTEMPTS : 1;
            RuntimeException lastFailure = null;
            for (int attempt = 1; attempt <= attempts; attempt++) {
                port = FreePorts.pickIfZero(requestedPort);
                controllerPort = FreePorts.pickIfZero(requestedControllerPort);
                while (controllerPort == port && requestedControllerPort == 0) {
                    controllerPort = FreePorts.pick();
                }
                Map<String, String> config = config();
                try {
                    formatIfNeeded(config);
                    server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
                    server.startup();
                    awaitBroker();
                    log.info("Kafka {} (embedded, KRaft) ready on {} in {} ms (controller 127.0.0.1:{}, data {})",
                            AppInfoParser.getVersion(), bootstrapServers(),
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), controllerPort, logDirectory);
                    return this;
                } catch (RuntimeException e) {
                    lastFailure = e;
                    shutdownServer();
                    if (!lostRaceForAutoPickedPort(e)) {
                        break;
                    }
                    if (attempt < attempts) {
                        log.warn("Kafka could not bind ports {}/{}, retrying with others (attempt {}/{})", port, controllerPort, attempt, attempts);
                    }
                }
            }
            throw new IllegalStateException("Kafka did not start on 127.0.0.1:" + port + ": " + lastFailure, lastFailure);
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** Controlled shutdown; deletes a temporary data directory. Idempotent. */
    public synchronized void stop() {
        shutdownServer();
        if (exitIntercepted) {
            exitIntercepted = false;
            if (EXIT_OVERRIDES.decrementAndGet() == 0) {
                Exit.resetExitProcedure();
                Exit.resetHaltProcedure();
            }
        }
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
        return server != null;
    }

    public String host() {
        return FreePorts.LOOPBACK_HOST;
    }

    /** The broker (client) port. */
    public synchronized int port() {
        return port;
    }

    /** The KRaft controller port (also on 127.0.0.1). */
    public synchronized int controllerPort() {
        return controllerPort;
    }

    /** {@code 127.0.0.1:<port>} */
    public String bootstrapServers() {
        return host() + ":" + port();
    }

    public KafkaEndpoint endpoint() {
        return new KafkaEndpoint(bootstrapServers());
    }

    public synchronized Path dataDirectory() {
        return logDirectory;
    }

    public String version() {
        return AppInfoParser.getVersion();
    }

    public boolean durable() {
        return durable;
    }

    private Map<String, String> config() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", Integer.toString(NODE_ID));
        config.put("controller.quorum.voters", NODE_ID + "@" + FreePorts.LOOPBACK_HOST + ":" + controllerPort);
        config.put("listeners", BROKER_LISTENER + "://" + FreePorts.LOOPBACK_HOST + ":" + port + ","
                + CONTROLLER_LISTENER + "://" + FreePorts.LOOPBACK_HOST + ":" + controllerPort);
        config.put("advertised.listeners", BROKER_LISTENER + "://" + FreePorts.LOOPBACK_HOST + ":" + port);
        config.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        config.put("inter.broker.listener.name", BROKER_LISTENER);
        config.put("controller.listener.names", CONTROLLER_LISTENER);
        config.put("log.dirs", logDirectory.toString());
        config.put("metadata.log.dir", logDirectory.toString());
        // a single node: every internal topic has one replica
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "5");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "5");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("min.insync.replicas", "1");
        config.put("default.replication.factor", "1");
        config.put("num.partitions", "1");
        config.put("auto.create.topics.enable", "true");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        config.put("num.network.threads", "2");
        config.put("num.io.threads", "4");
        config.put("num.recovery.threads.per.data.dir", "1");
        if (durable) {
            config.put("log.flush.interval.ms", "1000");
        }
        return config;
    }

    private void formatIfNeeded(Map<String, String> config) {
        if (Files.exists(logDirectory.resolve("meta.properties"))) {
            return;
        }
        KafkaConfig kafkaConfig = new KafkaConfig(config, false);
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(NODE_ID)
                    .setDirectories(List.of(logDirectory.toString()))
                    .setMetadataLogDirectory(kafkaConfig.metadataLogDir())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka log directory " + logDirectory, e);
        }
    }

    private void awaitBroker() {
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        Exception last = null;
        try (Admin admin = Admin.create(adminConfig)) {
            while (System.nanoTime() < deadline) {
                try {
                    Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000))
                            .nodes().get(6, TimeUnit.SECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for Kafka", e);
                } catch (Exception e) {
                    last = e;
                }
            }
        }
        throw new IllegalStateException("Kafka broker on " + bootstrapServers() + " not ready within "
                + startupTimeout.toSeconds() + " s", last);
    }

    private void shutdownServer() {
        if (server != null) {
            KafkaRaftServer stopping = server;
            server = null;
            try {
                stopping.shutdown();
                stopping.awaitShutdown();
            } catch (RuntimeException e) {
                log.warn("Kafka shutdown failed: {}", e.toString());
            }
        }
    }

    /**
     * Kafka halts the JVM on fatal faults ({@code Exit.halt}); inside a test JVM that would kill the whole run without
     * a word, so such calls are turned into exceptions, as Kafka's own test kit does.
     */
    private void interceptExit() {
        exitIntercepted = true;
        if (EXIT_OVERRIDES.getAndIncrement() == 0) {
            Exit.setExitProcedure((status, message) -> {
                throw new IllegalStateException("Embedded Kafka called Exit.exit(" + status + "): " + message);
            });
            Exit.setHaltProcedure((status, message) -> {
                throw new IllegalStateException("Embedded Kafka called Exit.halt(" + status + "): " + message);
            });
        }
    }

    /** A bind failure on a port we picked ourselves (another process took it meanwhile): worth another try. */
    private boolean lostRaceForAutoPickedPort(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            Matcher matcher = BIND_FAILURE.matcher(String.valueOf(t.getMessage()));
            if (matcher.find()) {
                int failedPort = Integer.parseInt(matcher.group(1));
                return (failedPort == port && requestedPort == 0)
                        || (failedPort == controllerPort && requestedControllerPort == 0);
            }
        }
        return false;
    }

    /** Options of an {@link EmbeddedKafkaServer}. */
    public static final class Builder {
        private int port;
        private int controllerPort;
        private Path dataDirectory;
        private boolean durable;
        private boolean interceptExit = true;
        private Duration startupTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        /** Broker port on 127.0.0.1; 0 (default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Controller port on 127.0.0.1; 0 (default) picks a free one. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = controllerPort;
            return this;
        }

        /** A persistent log directory (formatted on first use, kept on stop); {@code null} (default): temporary. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** {@code true} flushes logs to disk every second; {@code false} (default) leaves it to the OS. */
        public Builder durable(boolean durable) {
            this.durable = durable;
            return this;
        }

        /** Whether Kafka's {@code Exit.exit/halt} become exceptions instead of ending the JVM (default {@code true}). */
        public Builder interceptExit(boolean interceptExit) {
            this.interceptExit = interceptExit;
            return this;
        }

        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = Objects.requireNonNull(startupTimeout);
            return this;
        }

        public EmbeddedKafkaServer build() {
            return new EmbeddedKafkaServer(this);
        }
    }
}
