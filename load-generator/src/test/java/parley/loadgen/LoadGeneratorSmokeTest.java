package parley.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import parley.boot.gateway.GatewayApplication;
import parley.boot.worker.WorkerApplication;
import parley.testkit.PostgresEndpoint;
import parley.testkit.RealInfrastructure;

/**
 * Keeps the benchmark code from rotting: a gateway and a worker booted in-process against the real
 * PostgreSQL, Kafka and Redis of the test kit, and the pipeline scenario run against them for a
 * few seconds with a handful of sockets. Every ACCEPTED message must reach every socket of its
 * room exactly once, be stored once, and both latency histograms must have samples; over /ws, and
 * over Socket.IO where the gateway has it.
 */
class LoadGeneratorSmokeTest {

    private static ConfigurableApplicationContext worker;
    private static ConfigurableApplicationContext gateway;
    private static int gatewayPort;

    @BeforeAll
    static void startStack() {
        Map<String, Object> properties = new HashMap<>(RealInfrastructure.shared().springProperties());
        properties.put("server.port", "0");
        properties.put("parley.auth.jwt-secret", "load-generator-smoke-test-secret-0123456789-abcdef");
        properties.put("spring.kafka.consumer.properties.metadata.max.age.ms", "1000");
        properties.put("parley.websocket.send-rate", "100000");
        properties.put("parley.websocket.send-burst", "100000");
        properties.put("parley.websocket.frame-rate", "100000");
        properties.put("parley.websocket.frame-burst", "100000");
        properties.put("parley.websocket.sockets-per-user", "1000");
        properties.put("parley.auth.throttle.address-attempts", "1000000");
        properties.put("parley.auth.throttle.email-attempts", "1000000");
        // with its own worker.yml: the gateway's application.yml on this class path names health components it has not
        worker = WorkerApplication.application().run(args(properties));
        properties.put("parley.gateway.instance-id", "loadgen-smoke");
        properties.put("management.server.port", "0");
        gateway = new SpringApplicationBuilder(GatewayApplication.class).run(args(properties));
        gatewayPort = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
        awaitAssignedPartitions(gateway);
        awaitAssignedPartitions(worker);
    }

    @AfterAll
    static void stopStack() {
        if (gateway != null) {
            gateway.close();
        }
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void pipelineDeliversEveryMessageOnceAndMeasuresLatency(@TempDir Path out) throws Exception {
        assertLossless(run(out, "ws"), out);
    }

    /** The same over Socket.IO (issue 13), once the gateway serves /socket.io/; skipped on a gateway without it. */
    @Test
    void pipelineOverSocketIoDeliversEveryMessageOnce(@TempDir Path out) throws Exception {
        Assumptions.assumeTrue(servesSocketIo(), "the gateway does not serve /socket.io/ yet");
        assertLossless(run(out, "socketio"), out);
    }

    private static Result run(Path out, String protocol) throws Exception {
        PostgresEndpoint postgres = RealInfrastructure.shared().postgres();
        PipelineScenario.Config config = PipelineScenario.Config.small("smoke", List.of("http://127.0.0.1:" + gatewayPort),
                6, 3, 40, Duration.ofSeconds(4), postgres.jdbcUrl(), postgres.username(), postgres.password(), out)
                .withProtocol(protocol);
        return new PipelineScenario(config).run();
    }

    private static void assertLossless(Result result, Path out) throws Exception {
        assertThat(result.get("accepted")).as("ACCEPTED messages").isGreaterThan(100);
        assertThat(result.get("failed")).as("FAILED acks").isZero();
        assertThat(result.get("pendingAcks")).as("sends without an answer").isZero();
        assertThat(result.get("lost")).as("lost deliveries").isZero();
        assertThat(result.get("duplicated")).as("duplicated deliveries").isZero();
        assertThat(result.get("outOfOrder")).as("deliveries out of seq order").isZero();
        assertThat(result.get("idMismatches")).as("deliveries whose id differs from the ACK's").isZero();
        assertThat(result.get("expectedDeliveries")).isEqualTo(result.get("accepted") * 3);
        assertThat(result.get("persistedRows")).as("rows stored").isEqualTo(result.get("accepted"));
        assertThat(result.get("ackSamples")).as("send->ACK samples").isPositive();
        assertThat(result.get("deliverSamples")).as("send->deliver samples").isPositive();
        assertThat(result.get("deliverP99")).isPositive();
        assertThat(out.resolve("smoke-deliver.hlog")).isNotEmptyFile();
        assertThat(Files.readString(out.resolve("smoke-deliver.hgrm"))).contains("Percentile");
        assertThat(out.resolve("smoke.json")).isNotEmptyFile();
    }

    /** An Engine.IO handshake over polling answers {@code 0{"sid":…}} where the gateway has Socket.IO. */
    private static boolean servesSocketIo() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort
                    + "/socket.io/?EIO=4&transport=polling")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().startsWith("0{");
        }
    }

    /** The gateway's broadcast consumer starts at the latest offset: it must own its partitions before messages flow. */
    private static void awaitAssignedPartitions(ConfigurableApplicationContext context) {
        KafkaListenerEndpointRegistry registry = context.getBean(KafkaListenerEndpointRegistry.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            boolean assigned = !registry.getListenerContainers().isEmpty();
            for (MessageListenerContainer container : registry.getListenerContainers()) {
                var partitions = container.getAssignedPartitions();
                assigned &= partitions != null && !partitions.isEmpty();
            }
            if (assigned) {
                return;
            }
            Rest.sleep(100);
        }
        throw new IllegalStateException("the Kafka listeners of " + context.getId() + " got no partitions within 60 s");
    }

    private static String[] args(Map<String, Object> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }
}
