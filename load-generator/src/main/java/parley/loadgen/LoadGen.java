package parley.loadgen;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Parley's load generator. {@code java -jar load-generator.jar <command> --option=value …}:
 * <ul>
 *   <li>{@code pipeline}: users, rooms, sockets, M msg/s for T s; ACK and delivery latency, loss, duplicates, persistence;
 *       {@code --protocol=ws} (default, Parley's /ws) or {@code --protocol=socketio} (Socket.IO at /socket.io/)</li>
 *   <li>{@code backlog-produce} / {@code backlog-drain}: the worker's catch-up rate</li>
 *   <li>{@code idle}: idle sockets on one gateway (heap and RSS per connection) and the connect rate</li>
 *   <li>{@code producer-limit}, {@code insert-limit}: this machine's Kafka producer and PostgreSQL INSERT limits</li>
 *   <li>{@code report}: docs/benchmarks.md from the results of a run</li>
 *   <li>{@code hold-ports}: keeps loopback ports bound for a while (so a starting dev stack picks others)</li>
 * </ul>
 * Every loop is bounded in count and time; every connection goes to loopback addresses given on the command line.
 */
public final class LoadGen {

    private LoadGen() {
    }

    public static void main(String[] args) throws Exception {
        quietLibraryLogging();
        if (args.length == 0) {
            System.err.println("usage: LoadGen pipeline|backlog-produce|backlog-drain|idle|producer-limit|insert-limit|report|hold-ports --option=value ...");
            System.exit(2);
        }
        String command = args[0];
        Options o = new Options(java.util.Arrays.copyOfRange(args, 1, args.length));
        try {
            switch (command) {
                case "pipeline" -> new PipelineScenario(pipelineConfig(o)).run();
                case "backlog-produce" -> BacklogScenario.produce(o);
                case "backlog-drain" -> BacklogScenario.drain(o);
                case "idle" -> IdleScenario.run(o);
                case "producer-limit" -> ProducerLimit.run(o);
                case "insert-limit" -> InsertLimit.run(o);
                case "report" -> Report.write(o);
                case "hold-ports" -> holdPorts(o);
                case "profile-summary" -> ProfileSummary.run(o);
                case "profile-all" -> ProfileSummary.runAll(o);
                case "quiesce" -> Quiesce.run(o);
                default -> throw new IllegalArgumentException("unknown command " + command);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("loadgen: " + e.getMessage());
            System.exit(2);
        }
        System.exit(0);
    }

    static PipelineScenario.Config pipelineConfig(Options o) {
        String name = o.string("name", "pipeline");
        PipelineScenario.Config config = new PipelineScenario.Config(
                name,
                o.string("title", name),
                o.list("gateways", "http://127.0.0.1:3000"),
                o.integer("sockets", 100),
                o.integer("room-size", 10),
                o.integer("users", 50),
                Double.parseDouble(o.string("rate", "1000")),
                o.duration("warmup", Duration.ofSeconds(10)),
                o.duration("duration", Duration.ofSeconds(30)),
                o.duration("drain-timeout", Duration.ofSeconds(60)),
                o.integer("content-length", 100),
                o.integer("max-inflight", 50),
                o.integer("connect-parallelism", 50),
                o.string("jdbc-url", null),
                o.string("jdbc-user", "parley"),
                o.string("jdbc-password", "parley"),
                Path.of(o.string("out", "target/bench")),
                o.string("users-file", null) == null ? null : Path.of(o.string("users-file", null)),
                ProcStats.parseRoots(o.list("pids", "")),
                o.integer("event-loops", Math.max(2, Runtime.getRuntime().availableProcessors())),
                o.longValue("max-persistence-lag", 0),
                o.string("protocol", "ws"));
        o.checkAllRead();
        return config;
    }

    /** Binds the given loopback ports (those that are free) until the file appears or the time is up. */
    private static void holdPorts(Options o) throws IOException {
        List<String> ports = o.list("ports", "");
        Path until = Path.of(o.required("until-file"));
        Duration max = o.duration("max", Duration.ofSeconds(180));
        o.checkAllRead();
        List<ServerSocket> held = new ArrayList<>();
        for (String port : ports) {
            try {
                held.add(new ServerSocket(Integer.parseInt(port), 1, InetAddress.getLoopbackAddress()));
            } catch (IOException taken) {
                // someone else has it: just as good
            }
        }
        long deadline = System.nanoTime() + max.toNanos();
        while (!Files.exists(until) && System.nanoTime() < deadline) {
            Rest.sleep(200);
        }
        for (ServerSocket socket : held) {
            socket.close();
        }
    }

    /** Kafka's clients log at DEBUG without a configuration; the load generator wants warnings only. */
    private static void quietLibraryLogging() {
        try {
            org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            if (root instanceof ch.qos.logback.classic.Logger logback) {
                logback.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        } catch (LinkageError ignored) {
            // another logging backend: its own configuration applies
        }
    }
}
