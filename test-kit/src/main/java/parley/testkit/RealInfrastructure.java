package parley.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real PostgreSQL, Kafka (KRaft) and Redis per JVM, shared by all tests.
 *
 * <p>{@link #shared()} starts them lazily on first use (the three in parallel) and a JVM shutdown hook stops them.
 * With Docker available they are Testcontainers; otherwise embedded servers ({@link EmbeddedPostgresServer},
 * {@link EmbeddedKafkaServer}, {@link EmbeddedRedisServer}) on 127.0.0.1. {@value InfrastructureMode#SELECTOR}
 * ({@code embedded|containers|auto}, system property or environment variable) forces the choice.
 *
 * <p>Spring tests feed {@link #springProperties()} to a {@code DynamicPropertyRegistry}:
 * <pre>{@code
 * @DynamicPropertySource
 * static void infrastructure(DynamicPropertyRegistry registry) {
 *     RealInfrastructure.shared().springProperties().forEach((key, value) -> registry.add(key, () -> value));
 * }
 * }</pre>
 * Tests share the servers: use unique topic names, keys and table/schema names per test.
 */
public final class RealInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(RealInfrastructure.class);

    private static RealInfrastructure instance;
    private static RuntimeException startupFailure;

    private final InfrastructureMode mode;
    private final PostgresEndpoint postgres;
    private final KafkaEndpoint kafka;
    private final RedisEndpoint redis;
    private final List<AutoCloseable> resources;
    private final long startupMillis;

    private RealInfrastructure(InfrastructureMode mode, PostgresEndpoint postgres, KafkaEndpoint kafka,
                               RedisEndpoint redis, List<AutoCloseable> resources, long startupMillis) {
        this.mode = mode;
        this.postgres = postgres;
        this.kafka = kafka;
        this.redis = redis;
        this.resources = List.copyOf(resources);
        this.startupMillis = startupMillis;
    }

    /**
     * The infrastructure of this JVM, started on the first call (which blocks until all three servers are ready).
     * Thread-safe. A failed start is remembered: later calls rethrow it instead of trying again.
     */
    public static synchronized RealInfrastructure shared() {
        if (instance != null) {
            return instance;
        }
        if (startupFailure != null) {
            throw new IllegalStateException("Real infrastructure failed to start earlier in this JVM", startupFailure);
        }
        try {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "parley-infrastructure-shutdown"));
            return instance;
        } catch (RuntimeException e) {
            startupFailure = e;
            throw e;
        }
    }

    public InfrastructureMode mode() {
        return mode;
    }

    public PostgresEndpoint postgres() {
        return postgres;
    }

    public KafkaEndpoint kafka() {
        return kafka;
    }

    public RedisEndpoint redis() {
        return redis;
    }

    /** How long the start took (wall clock, all servers in parallel). */
    public long startupMillis() {
        return startupMillis;
    }

    /**
     * Spring Boot properties pointing at these servers: {@code spring.r2dbc.*}, {@code spring.flyway.url/user/password},
     * {@code spring.datasource.*}, {@code spring.kafka.bootstrap-servers}, {@code spring.data.redis.host/port}.
     */
    public Map<String, String> springProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.r2dbc.url", postgres.r2dbcUrl());
        properties.put("spring.r2dbc.username", postgres.username());
        properties.put("spring.r2dbc.password", postgres.password());
        properties.put("spring.flyway.url", postgres.jdbcUrl());
        properties.put("spring.flyway.user", postgres.username());
        properties.put("spring.flyway.password", postgres.password());
        properties.put("spring.datasource.url", postgres.jdbcUrl());
        properties.put("spring.datasource.username", postgres.username());
        properties.put("spring.datasource.password", postgres.password());
        properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.put("spring.data.redis.host", redis.host());
        properties.put("spring.data.redis.port", Integer.toString(redis.port()));
        return Map.copyOf(properties);
    }

    @Override
    public String toString() {
        return "RealInfrastructure[" + mode + ", " + postgres + ", " + kafka + ", " + redis + "]";
    }

    private void stop() {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (AutoCloseable resource : resources) {
            stops.add(CompletableFuture.runAsync(() -> closeQuietly(resource)));
        }
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the watchdogs stop the external servers anyway when this JVM is gone
        }
    }

    private static RealInfrastructure start() {
        long started = System.nanoTime();
        boolean[] dockerChecked = {false};
        InfrastructureMode mode = InfrastructureMode.resolve(() -> {
            dockerChecked[0] = true;
            return ContainerInfrastructure.dockerAvailable();
        });
        if (mode == InfrastructureMode.EMBEDDED && dockerChecked[0]) {
            log.info("No Docker engine found ({} ms); starting embedded servers instead of Testcontainers "
                    + "(a Testcontainers error about the Docker environment just above is expected)", elapsedMillis(started));
        }
        RealInfrastructure infrastructure = mode == InfrastructureMode.CONTAINERS
                ? startContainers(started) : startEmbedded(started);
        log.info("Real infrastructure ({}) up in {} ms: {} | {} | {}", mode, infrastructure.startupMillis,
                infrastructure.postgres.jdbcUrl(), infrastructure.kafka.bootstrapServers(), infrastructure.redis.uri());
        return infrastructure;
    }

    private static RealInfrastructure startContainers(long started) {
        ContainerInfrastructure containers = ContainerInfrastructure.start();
        return new RealInfrastructure(InfrastructureMode.CONTAINERS, containers.postgres(), containers.kafka(),
                containers.redis(), List.of(containers), elapsedMillis(started));
    }

    private static RealInfrastructure startEmbedded(long started) {
        ExecutorService executor = Executors.newFixedThreadPool(3, runnable -> {
            Thread thread = new Thread(runnable, "parley-infrastructure-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletableFuture<EmbeddedPostgresServer> postgres =
                    startAsync(() -> EmbeddedPostgresServer.builder().build().start(), executor);
            CompletableFuture<EmbeddedKafkaServer> kafka =
                    startAsync(() -> EmbeddedKafkaServer.builder().build().start(), executor);
            CompletableFuture<EmbeddedRedisServer> redis =
                    startAsync(() -> EmbeddedRedisServer.builder().build().start(), executor);
            try {
                CompletableFuture.allOf(postgres, kafka, redis).join();
            } catch (CompletionException e) {
                // wait for the others, then stop whatever did start
                for (CompletableFuture<? extends AutoCloseable> future : List.of(postgres, kafka, redis)) {
                    try {
                        closeQuietly(future.join());
                    } catch (CompletionException ignored) {
                        // this one failed
                    }
                }
                Throwable cause = e.getCause();
                throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
            }
            return new RealInfrastructure(InfrastructureMode.EMBEDDED, postgres.join().endpoint(),
                    kafka.join().endpoint(), redis.join().endpoint(),
                    List.of(postgres.join(), kafka.join(), redis.join()), elapsedMillis(started));
        } finally {
            executor.shutdown();
        }
    }

    private static <T> CompletableFuture<T> startAsync(Supplier<T> starter, ExecutorService executor) {
        return CompletableFuture.supplyAsync(starter, executor);
    }

    private static long elapsedMillis(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("Stopping {} failed: {}", resource, e.toString());
        }
    }
}
