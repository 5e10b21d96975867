package parley.testkit;

import java.util.List;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** The Testcontainers flavour of the infrastructure. Only loaded in {@link InfrastructureMode#CONTAINERS}. */
final class ContainerInfrastructure implements AutoCloseable {

    static final String POSTGRES_IMAGE = "postgres:17-alpine";
    static final String KAFKA_IMAGE = "apache/kafka:4.1.0";
    static final String REDIS_IMAGE = "valkey/valkey:8-alpine";
    private static final int REDIS_PORT = 6379;

    private final PostgreSQLContainer postgres;
    private final KafkaContainer kafka;
    private final GenericContainer<?> redis;

    private ContainerInfrastructure() {
        postgres = new PostgreSQLContainer(DockerImageName.parse(POSTGRES_IMAGE))
                .withDatabaseName("parley")
                .withUsername("parley")
                .withPassword("parley")
                .withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off",
                        "-c", "full_page_writes=off", "-c", "max_connections=200");
        kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE));
        redis = new GenericContainer<>(DockerImageName.parse(REDIS_IMAGE))
                .withExposedPorts(REDIS_PORT)
                .withCommand("valkey-server", "--save", "", "--appendonly", "no")
                .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1));
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static ContainerInfrastructure start() {
        ContainerInfrastructure infrastructure = new ContainerInfrastructure();
        try {
            Startables.deepStart(List.of(infrastructure.postgres, infrastructure.kafka, infrastructure.redis)).join();
            return infrastructure;
        } catch (RuntimeException e) {
            infrastructure.close();
            throw e;
        }
    }

    PostgresEndpoint postgres() {
        return new PostgresEndpoint(postgres.getHost(), postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
                postgres.getDatabaseName(), postgres.getUsername(), postgres.getPassword());
    }

    KafkaEndpoint kafka() {
        return new KafkaEndpoint(kafka.getBootstrapServers());
    }

    RedisEndpoint redis() {
        return new RedisEndpoint(redis.getHost(), redis.getMappedPort(REDIS_PORT));
    }

    @Override
    public void close() {
        for (GenericContainer<?> container : List.of(redis, kafka, postgres)) {
            try {
                container.stop();
            } catch (RuntimeException ignored) {
                // Ryuk removes whatever is left
            }
        }
    }
}
