package parley.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.testkit.EmbeddedKafkaServer;
import parley.testkit.EmbeddedPostgresServer;
import parley.testkit.EmbeddedRedisServer;

/**
 * Runs Parley's infrastructure for development in one process: a real PostgreSQL, a real KRaft
 * Kafka broker and a real Redis, on loopback, with their data in a run directory so that it
 * survives restarts. When all three are ready it writes {@code endpoints.env} (the environment
 * variables the gateway and the worker read) into the run directory; it stops the servers and
 * removes that file when it is terminated.
 *
 * <p>Usage: {@code java -jar dev-stack-exec.jar <run directory>}. The preferred ports are the
 * usual ones (5432, 9092, 6379); a port that is taken is replaced by a free one.
 */
public final class DevStack {

    private static final Logger log = LoggerFactory.getLogger(DevStack.class);

    private DevStack() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: DevStack <run directory>");
            System.exit(2);
        }
        Path runDir = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(runDir);
        Path endpoints = runDir.resolve("endpoints.env");
        Files.deleteIfExists(endpoints);

        var postgres = EmbeddedPostgresServer.builder()
                .port(portOr(5432))
                .dataDirectory(DataDirectories.postgres(runDir))
                .durable(true)
                .build();
        var kafka = EmbeddedKafkaServer.builder()
                .port(portOr(9092))
                .dataDirectory(runDir.resolve("kafka"))
                .durable(true)
                .build();
        var redis = EmbeddedRedisServer.builder()
                .port(portOr(6379))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping the development infrastructure");
            try {
                Files.deleteIfExists(endpoints);
            } catch (IOException ignored) {
                // the file only advertises endpoints; a leftover is overwritten by the next start
            }
            redis.close();
            kafka.close();
            postgres.close();
            stopped.countDown();
        }, "dev-stack-shutdown"));

        // Kafka (and JDBC) find classes through the thread's context class loader: the starting threads
        // get the launcher's, which sees the packaged libraries; a pool thread would only see the JDK's
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ExecutorService starters = Executors.newFixedThreadPool(3, task -> {
            Thread thread = new Thread(task, "dev-stack-start");
            thread.setContextClassLoader(loader);
            return thread;
        });
        try {
            CompletableFuture.allOf(
                    CompletableFuture.runAsync(postgres::start, starters),
                    CompletableFuture.runAsync(kafka::start, starters),
                    CompletableFuture.runAsync(redis::start, starters)).join();
        } finally {
            starters.shutdown();
        }

        Map<String, String> env = new LinkedHashMap<>();
        env.put("PARLEY_POSTGRES_HOST", postgres.host());
        env.put("PARLEY_POSTGRES_PORT", String.valueOf(postgres.port()));
        env.put("PARLEY_POSTGRES_DB", postgres.database());
        env.put("PARLEY_POSTGRES_USER", postgres.username());
        env.put("PARLEY_POSTGRES_PASSWORD", postgres.password());
        env.put("PARLEY_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("PARLEY_REDIS_HOST", redis.host());
        env.put("PARLEY_REDIS_PORT", String.valueOf(redis.port()));
        writeAtomically(endpoints, env);
        log.info("ready: PostgreSQL {}:{} (data {}), Kafka {} (data {}), Redis {}:{}",
                postgres.host(), postgres.port(), postgres.dataDirectory(), kafka.bootstrapServers(), kafka.dataDirectory(),
                redis.host(), redis.port());
        stopped.await();
    }

    /** The preferred port when it is free on loopback, otherwise 0 (any free port). */
    private static int portOr(int preferred) {
        try (ServerSocket probe = new ServerSocket(preferred, 1, InetAddress.getLoopbackAddress())) {
            return preferred;
        } catch (IOException taken) {
            log.info("port {} is taken; using a free one", preferred);
            return 0;
        }
    }

    private static void writeAtomically(Path target, Map<String, String> env) throws IOException {
        StringBuilder text = new StringBuilder();
        env.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
