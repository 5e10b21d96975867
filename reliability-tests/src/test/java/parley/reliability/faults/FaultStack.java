package parley.reliability.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.testkit.EmbeddedKafkaServer;
import parley.testkit.EmbeddedPostgresServer;
import parley.testkit.EmbeddedRedisServer;

/**
 * The fault suite's own Parley: PostgreSQL, Kafka and Redis on fixed loopback ports with data
 * directories under {@code target/}, so each can be stopped and started again on the same port with
 * its data, plus one worker and one gateway as real child JVMs (the exec jars). One per test JVM,
 * shared by the fault tests (each leaves it running and healthy, {@link #ensureHealthy()} repairs
 * what a failed test left broken); everything is stopped when the JVM exits.
 */
final class FaultStack {

    static final String JWT_SECRET = "fault-injection-secret-0123456789-0123456789-xyz";
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private static final Logger log = LoggerFactory.getLogger(FaultStack.class);
    private static FaultStack instance;

    private final Path moduleTarget = Path.of("target").toAbsolutePath();
    private final Path logs = moduleTarget.resolve("faults/logs");
    private final Path gatewayJar;
    private final Path workerJar;
    private final EmbeddedPostgresServer postgres;
    private final EmbeddedKafkaServer kafka;
    private final EmbeddedRedisServer redis;
    private final AtomicInteger processCounter = new AtomicInteger();
    private final List<AppProcess> extras = new ArrayList<>();
    private AppProcess worker;
    private AppProcess gateway;

    static synchronized FaultStack get() {
        if (instance == null) {
            Logging.quiet();
            FaultStack stack = new FaultStack();
            Thread hook = new Thread(stack::stopEverything, "fault-stack-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                stack.startAll();
            } catch (RuntimeException | Error e) {
                stack.stopEverything();
                Runtime.getRuntime().removeShutdownHook(hook);
                throw e;
            }
            instance = stack;
        }
        instance.ensureHealthy();
        return instance;
    }

    private FaultStack() {
        Path repo = moduleTarget.getParent().getParent();
        gatewayJar = repo.resolve("boot-gateway/target/boot-gateway-0.1.0-SNAPSHOT-exec.jar");
        workerJar = repo.resolve("boot-worker/target/boot-worker-0.1.0-SNAPSHOT-exec.jar");
        Path data = dataRoot();
        try {
            deleteRecursively(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int pgPort = freePort();
        int kafkaPort = freePort();
        int controllerPort = freePort();
        int redisPort = freePort();
        postgres = EmbeddedPostgresServer.builder().port(pgPort).dataDirectory(data.resolve("pgdata")).build();
        kafka = EmbeddedKafkaServer.builder().port(kafkaPort).controllerPort(controllerPort)
                .dataDirectory(data.resolve("kafka")).durable(true).build();
        redis = EmbeddedRedisServer.builder().port(redisPort).dataDirectory(data.resolve("redis")).build();
    }

    /**
     * A fresh data root for this run. PostgreSQL runs as uid 65534 when we are root, so the root and
     * its parents must be traversable by others: target/ normally is, else java.io.tmpdir is used.
     */
    private Path dataRoot() {
        Path preferred = moduleTarget.resolve("faults/data");
        Path root = traversableByOthers(moduleTarget) ? preferred
                : Path.of(System.getProperty("java.io.tmpdir"), "parley-faults-" + ProcessHandle.current().pid());
        try {
            deleteRecursively(root);
            Files.createDirectories(root);
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            if (root.equals(preferred)) {
                Files.setPosixFilePermissions(preferred.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean traversableByOthers(Path dir) {
        try {
            for (Path p = dir; p != null; p = p.getParent()) {
                if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void startAll() {
        long t0 = System.nanoTime();
        CompletableFuture<Void> pg = CompletableFuture.runAsync(postgres::start);
        CompletableFuture<Void> rd = CompletableFuture.runAsync(redis::start);
        kafka.start();
        pg.join();
        rd.join();
        log.info("fault stack infrastructure up in {} s: postgres {}, kafka {}, redis {}", String.format("%.1f", Sleep.secondsSince(t0)),
                postgres.port(), kafka.bootstrapServers(), redis.port());
        // the worker first: both create the topics, one at a time keeps start-up logs readable
        worker = launchWorker();
        gateway = launchGateway("fault-gw-main");
        worker.awaitHealthy(START_TIMEOUT);
        gateway.awaitHealthy(START_TIMEOUT);
        log.info("fault stack up in {} s: worker {}, gateway {}", String.format("%.1f", Sleep.secondsSince(t0)), worker, gateway);
    }

    /** Restarts whatever a previous (perhaps failed) test left stopped or dead. */
    synchronized void ensureHealthy() {
        if (!postgres.isRunning()) {
            postgres.start();
        }
        if (!kafka.isRunning()) {
            kafka.start();
        }
        if (!redis.isRunning()) {
            redis.start();
        }
        if (worker == null || !worker.alive()) {
            worker = launchWorker();
        }
        if (gateway == null || !gateway.alive()) {
            gateway = launchGateway("fault-gw-main-" + processCounter.incrementAndGet());
        }
        worker.awaitHealthy(START_TIMEOUT);
        gateway.awaitHealthy(START_TIMEOUT);
    }

    AppProcess gateway() {
        return gateway;
    }

    AppProcess worker() {
        return worker;
    }

    EmbeddedPostgresServer postgres() {
        return postgres;
    }

    EmbeddedKafkaServer kafka() {
        return kafka;
    }

    EmbeddedRedisServer redis() {
        return redis;
    }

    /** SIGKILLs the worker. */
    synchronized void killWorker() {
        worker.kill9();
    }

    /** Starts a new worker process (the old one must be dead); returns without waiting for health. */
    synchronized AppProcess startWorker() {
        if (worker != null && worker.alive()) {
            throw new IllegalStateException("the worker still runs: " + worker);
        }
        worker = launchWorker();
        return worker;
    }

    /** Another gateway process, stopped by the caller (or at JVM exit). Returns without waiting for health. */
    synchronized AppProcess startExtraGateway(String instanceId, String... extraArgs) {
        AppProcess extra = launchGateway(instanceId, extraArgs);
        extras.add(extra);
        return extra;
    }

    private AppProcess launchWorker() {
        int port = freePort();
        Map<String, String> env = commonEnv();
        env.put("PARLEY_WORKER_PORT", Integer.toString(port));
        int n = processCounter.incrementAndGet();
        return AppProcess.start("worker-" + n, workerJar, jvmArgs(), List.of(), env,
                logs.resolve("worker-" + n + ".log"), port, port, "/actuator/health");
    }

    private AppProcess launchGateway(String instanceId, String... extraArgs) {
        int port = freePort();
        Map<String, String> env = commonEnv();
        env.put("PARLEY_GATEWAY_PORT", Integer.toString(port));
        int managementPort = freePort();
        env.put("PARLEY_GATEWAY_MANAGEMENT_PORT", Integer.toString(managementPort));
        env.put("PARLEY_REDIS_HOST", redis.host());
        env.put("PARLEY_REDIS_PORT", Integer.toString(redis.port()));
        env.put("PARLEY_JWT_SECRET", JWT_SECRET);
        env.put("PARLEY_INSTANCE_ID", instanceId);
        // bursts of this suite come from few users; the limits themselves are the abuse suite's business
        List<String> args = new ArrayList<>(List.of("--parley.websocket.send-rate=100000", "--parley.websocket.send-burst=100000",
                "--parley.websocket.frame-rate=100000", "--parley.websocket.frame-burst=100000",
                "--parley.auth.throttle.address-attempts=1000000", "--parley.auth.throttle.email-attempts=1000"));
        // an extra argument replaces the default for its key (a key given twice would be read as "a,b")
        for (String extra : extraArgs) {
            String key = extra.contains("=") ? extra.substring(0, extra.indexOf('=') + 1) : extra;
            args.removeIf(arg -> arg.startsWith(key));
            args.add(extra);
        }
        return AppProcess.start(instanceId, gatewayJar, jvmArgs(), args, env, logs.resolve(instanceId + ".log"), port, managementPort, "/health");
    }

    private Map<String, String> commonEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PARLEY_POSTGRES_HOST", postgres.host());
        env.put("PARLEY_POSTGRES_PORT", Integer.toString(postgres.port()));
        env.put("PARLEY_POSTGRES_DB", postgres.database());
        env.put("PARLEY_POSTGRES_USER", postgres.username());
        env.put("PARLEY_POSTGRES_PASSWORD", postgres.password());
        env.put("PARLEY_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        return env;
    }

    private static List<String> jvmArgs() {
        // as every test JVM: each leaked buffer is tracked, and its report lands in the process's log
        return List.of("-Xmx768m", "-Dio.netty.leakDetection.level=paranoid");
    }

    private synchronized void stopEverything() {
        List<AppProcess> all = new ArrayList<>(extras);
        all.add(gateway);
        all.add(worker);
        all.stream().filter(p -> p != null).parallel().forEach(AppProcess::stop);
        for (Runnable stop : List.<Runnable>of(kafka::stop, redis::stop, postgres::stop)) {
            try {
                stop.run();
            } catch (RuntimeException e) {
                log.warn("stopping the fault stack: {}", e.toString());
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
