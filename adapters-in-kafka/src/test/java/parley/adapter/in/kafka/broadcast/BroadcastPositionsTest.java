package parley.adapter.in.kafka.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.support.PropertySourcesPlaceholderConfigurer;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import parley.adapter.in.kafka.dlq.DeadLetters;
import parley.application.fake.TestCore;
import parley.application.port.in.DeliverPersistedMessageUseCase;
import parley.contract.kafka.MessageRecordCodec;
import parley.contract.kafka.Topics;
import parley.domain.message.Message;
import parley.domain.message.MessagePersisted;
import parley.domain.room.RoomId;
import parley.domain.user.User;
import parley.testkit.KafkaProbe;
import parley.testkit.RealInfrastructure;

/**
 * M5 and M6: the broadcast listener in a real listener container against the real broker. Where its
 * consumer starts reading (the end of the partitions it finds at start-up, the beginning of those
 * added later), when its gateway reports ready, and that the sockets are told to catch up.
 */
class BroadcastPositionsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final String bootstrap = RealInfrastructure.shared().kafka().bootstrapServers();
    private final TestCore core = TestCore.create();
    private final User alice = core.registerUser("alice@example.com");
    private final RoomId room = core.createRoom(alice.id(), "general");
    private final MessageRecordCodec codec = new MessageRecordCodec();
    private final KafkaProbe kafka = new KafkaProbe();
    private AnnotationConfigApplicationContext gateway;

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
        kafka.close();
    }

    @Test
    void readyOnlyWhenPositionedFromTheEndAtStartUpAndFromTheBeginningOfAPartitionAddedLater() throws Exception {
        int partitions = persistedTopicPartitions();
        List<Message> stored = core.storeTexts(room, alice.id(), "before start-up", "live", "on the new partition");
        publish(0, stored.get(0));

        gateway = startGateway(core.liveDeliveryService);
        BroadcastHealthIndicator health = gateway.getBean(BroadcastHealthIndicator.class);
        await().atMost(PATIENCE).until(() -> health.health().getStatus().equals(Status.UP));
        assertThat(core.clients.resynchronizations()).as("sockets told to catch up once positioned").isEqualTo(1);
        publish(0, stored.get(1)); // ready means: whatever is persisted from now on is delivered
        await().atMost(PATIENCE).until(() -> core.clients.deliveredMessages().size() == 1);

        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createPartitions(Map.of(Topics.PERSISTED, NewPartitions.increaseTo(partitions + 1))).all().get();
        }
        publish(partitions, stored.get(2)); // before the consumer has noticed the partition

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(core.clients.deliveredMessages())
                .extracting(m -> m.content().value()).containsExactly("live", "on the new partition"));
        assertThat(core.clients.resynchronizations()).as("and again after the new assignment").isEqualTo(2);
    }

    @Test
    void notReadyBeforeTheFirstPartitionsAndPartitionsSeenAtTheStartAreNeverReadFromTheBeginning() {
        BroadcastPositions positions = new BroadcastPositions();
        BroadcastHealthIndicator health = new BroadcastHealthIndicator(positions);
        TopicPartition p0 = new TopicPartition(Topics.PERSISTED, 0);
        TopicPartition p1 = new TopicPartition(Topics.PERSISTED, 1);
        TopicPartition p2 = new TopicPartition(Topics.PERSISTED, 2);

        assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(positions.assigned(List.of())).isEmpty();
        assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(positions.assigned(List.of(p0, p1))).isEmpty();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(positions.assigned(List.of(p0, p1))).as("a rebalance of known partitions").isEmpty();
        assertThat(positions.assigned(List.of(p2, p0, p1))).containsExactly(p2);
        assertThat(positions.assigned(List.of(p0, p1, p2))).isEmpty();
    }

    private int persistedTopicPartitions() throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", bootstrap))) {
            try {
                admin.createTopics(List.of(new NewTopic(Topics.PERSISTED, 1, (short) 1))).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            return admin.describeTopics(List.of(Topics.PERSISTED)).allTopicNames().get().get(Topics.PERSISTED).partitions().size();
        }
    }

    private void publish(int partition, Message message) throws Exception {
        kafka.template().send(new ProducerRecord<>(Topics.PERSISTED, partition, room.value(), codec.encode(new MessagePersisted(message))))
                .get();
    }

    private AnnotationConfigApplicationContext startGateway(DeliverPersistedMessageUseCase delivery) {
        var context = new AnnotationConfigApplicationContext();
        // so that the added partition is noticed within a second, not 30
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test",
                Map.of("parley.gateway.instance-id", "positions-test", "parley.gateway.broadcast-metadata-max-age", "1000")));
        context.registerBean(PropertySourcesPlaceholderConfigurer.class);
        context.registerBean(DeliverPersistedMessageUseCase.class, () -> delivery);
        context.registerBean(DeadLetters.class, () -> new DeadLetters(kafka.template(), new SimpleMeterRegistry()));
        context.registerBean("kafkaListenerContainerFactory", ConcurrentKafkaListenerContainerFactory.class, () -> {
            var factory = new ConcurrentKafkaListenerContainerFactory<String, byte[]>();
            factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)));
            return factory;
        });
        context.register(KafkaListeners.class, BroadcastPositions.class, BroadcastHealthIndicator.class,
                PersistedMessageBroadcastListener.class);
        context.refresh();
        return context;
    }

    @EnableKafka
    static class KafkaListeners {
    }
}
