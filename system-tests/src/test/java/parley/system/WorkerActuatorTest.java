package parley.system;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.system.Conversation.joinOk;
import static parley.system.Conversation.say;

import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The worker's own port: health with the database and Kafka, and metrics including consumer lag. */
class WorkerActuatorTest {

    private final ParleyStack stack = ParleyStack.shared();

    @Test
    void theWorkerReportsHealthAndConsumerLag() {
        Rest worker = new Rest("http://127.0.0.1:" + stack.workerPort());
        Actor alice = Actor.register(new Rest(stack.gateway().http()), "Alice");
        String room = alice.createRoom("metrics");
        try (ChatSocket socket = ChatSocket.connect(stack.gateway().ws(), alice.token())) {
            joinOk(socket, room);
            say(socket, room, "something to consume");
        }

        var health = worker.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("components").propertyNames()).contains("db", "kafka");

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(worker.get("/actuator/prometheus", null).raw())
                        .contains("kafka_consumer_fetch_manager_records_lag_max")
                        .contains("application=\"parley-worker\""));
    }

    @Test
    void thePersistorConsumesEveryPartitionInParallelAndResumesPromptlyAfterABatch() {
        var registry = stack.worker().getBean(org.springframework.kafka.config.KafkaListenerEndpointRegistry.class);
        var container = (org.springframework.kafka.listener.ConcurrentMessageListenerContainer<?, ?>) registry.getListenerContainer("chat-persistor");

        assertThat(container.getConcurrency()).isEqualTo(3);
        assertThat(container.getContainerProperties().getPollTimeoutWhilePaused()).isEqualTo(Duration.ofMillis(5));
        var broadcast = stack.gateway().context().getBean(org.springframework.kafka.config.KafkaListenerEndpointRegistry.class)
                .getListenerContainers().iterator().next();
        assertThat(broadcast.getContainerProperties().getPollTimeoutWhilePaused()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void everyDatabaseConnectionOfBothApplicationsPlansEachStatementWithItsParameters() {
        for (var context : List.of(stack.worker(), stack.gateway().context())) {
            var db = context.getBean(org.springframework.r2dbc.core.DatabaseClient.class);
            assertThat(db.sql("SELECT current_setting('plan_cache_mode') AS mode").map(row -> row.get("mode", String.class)).one().block())
                    .as("no generic plans cached while the tables were empty (PostgresSessionSettings)")
                    .isEqualTo("force_custom_plan");
        }
    }
}
