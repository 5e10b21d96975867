package parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a dev-stack launcher relies on: durable servers on a kept data directory find their data after a restart. */
class PersistentDataDirectoryTest {

    private Path root;

    @BeforeEach
    void createWorldTraversableRoot() throws IOException {
        // not @TempDir: JUnit's 0700 directory is not reachable by the unprivileged postgres user when we run as root
        root = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "parley-persistent-test-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void deleteRoot() {
        ScratchDirs.deleteRecursively(root);
    }

    @Test
    void postgresKeepsCommittedRowsAcrossARestartOnTheSameDataDirectory() throws Exception {
        Path pgdata = root.resolve("pgdata");
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.builder().dataDirectory(pgdata).durable(true).build().start();
             Connection connection = DriverManager.getConnection(first.jdbcUrl(), first.username(), first.password());
             Statement sql = connection.createStatement()) {
            sql.execute("create table kept (body text)");
            sql.execute("insert into kept values ('still here')");
        }
        assertThat(pgdata.resolve("PG_VERSION")).exists();

        try (EmbeddedPostgresServer second = EmbeddedPostgresServer.builder().dataDirectory(pgdata).durable(true).build().start();
             Connection connection = DriverManager.getConnection(second.jdbcUrl(), second.username(), second.password());
             Statement sql = connection.createStatement();
             ResultSet rs = sql.executeQuery("select body from kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    void redisWithAppendOnlyFileKeepsKeysAcrossARestart() throws Exception {
        Path dir = root.resolve("redis");
        try (EmbeddedRedisServer first = EmbeddedRedisServer.builder().dataDirectory(dir).durable(true).build().start()) {
            assertThat(send(first.port(), "SET presence:kept online")).startsWith("+OK");
        }
        try (EmbeddedRedisServer second = EmbeddedRedisServer.builder().dataDirectory(dir).durable(true).build().start()) {
            assertThat(send(second.port(), "GET presence:kept")).isEqualTo("$6\r\nonline\r\n");
        }
    }

    @Test
    void kafkaKeepsTopicsAndRecordsAcrossARestartOnTheSameLogDirectory() throws Exception {
        Path dir = root.resolve("kafka");
        try (EmbeddedKafkaServer first = EmbeddedKafkaServer.builder().dataDirectory(dir).durable(true).build().start()) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, first.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, first.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                producer.send(new ProducerRecord<>("kept", "k", "still here")).get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(dir.resolve("meta.properties")).exists();

        try (EmbeddedKafkaServer second = EmbeddedKafkaServer.builder().dataDirectory(dir).durable(true).build().start();
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, second.bootstrapServers(),
                     ConsumerConfig.GROUP_ID_CONFIG, "restart-check",
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                     ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                     ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of("kept"));
            List<ConsumerRecord<String, String>> records = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            assertThat(records).extracting(ConsumerRecord::value).containsExactly("still here");
        }
    }

    @Test
    void temporaryDataDirectoriesAreDeletedOnStop() {
        EmbeddedRedisServer redis = EmbeddedRedisServer.builder().build().start();
        Path dir = redis.dataDirectory();
        assertThat(dir).exists();
        redis.stop();
        assertThat(dir).doesNotExist();
        assertThat(redis.isRunning()).isFalse();
    }

    private static String send(int port, String inline) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[256];
            int n = in.read(buffer);
            return new String(buffer, 0, Math.max(n, 0), StandardCharsets.US_ASCII);
        }
    }
}
