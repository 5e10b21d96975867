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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real redis-server (the binary shipped by {@code com.github.codemonstur:embedded-redis}) in a child process,
 * bound to {@code 127.0.0.1}, by default without any persistence. Stopped by {@link #stop()} and by its watchdog if the
 * JVM dies (see {@link WatchedProcess}).
 */
public final class EmbeddedRedisServer extends ChildProcessServer {

    private static final Pattern VERSION = Pattern.compile("redis_version:(\\S+)");

    private final Path requestedDataDirectory;
    private final Map<String, List<String>> settings;

    private Path executable;
    private String version = "?";

    private EmbeddedRedisServer(Builder builder) {
        super("redis-server", builder.port, builder.durable, builder.startupTimeout, 50);
        this.requestedDataDirectory = builder.dataDirectory;
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
    public EmbeddedRedisServer start() {
        startServer();
        return this;
    }

    /** {@code redis://127.0.0.1:<port>} */
    public String uri() {
        return endpoint().uri();
    }

    public RedisEndpoint endpoint() {
        return new RedisEndpoint(host(), port());
    }

    @Override
    public synchronized String version() {
        return version;
    }

    @Override
    void prepare() {
        if (requestedDataDirectory == null) {
            dataDirectory = scratchDirectory("redis");
        } else {
            dataDirectory = requestedDataDirectory.toAbsolutePath();
            try {
                Files.createDirectories(dataDirectory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        logFile = dataDirectory.resolve("redis.log");
        executable = RedisBinary.executable();
    }

    @Override
    WatchedProcess launch() {
        return WatchedProcess.start(command(), logFile, "TERM", Map.of());
    }

    /** Ready once it answers {@code PING}; then reads its version. */
    @Override
    boolean isReady() throws IOException {
        if (!command("PING").startsWith("+PONG")) {
            return false;
        }
        Matcher matcher = VERSION.matcher(command("INFO server"));
        version = matcher.find() ? matcher.group(1) : "?";
        return true;
    }

    @Override
    boolean isBindFailure(String logText) {
        return logText.contains("Address already in use") || logText.contains("Could not create server TCP");
    }

    private List<String> command() {
        Map<String, List<String>> effective = new LinkedHashMap<>();
        effective.put("port", List.of(Integer.toString(port())));
        effective.put("bind", List.of(FreePorts.LOOPBACK_HOST));
        effective.put("protected-mode", List.of("yes"));
        effective.put("daemonize", List.of("no"));
        effective.put("logfile", List.of(""));
        effective.put("dir", List.of(dataDirectory.toString()));
        if (durable()) {
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

    /** Sends one inline command and returns the reply's first chunk (enough for PING and INFO). */
    private String command(String inline) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(FreePorts.loopback(), port()), 1000);
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
