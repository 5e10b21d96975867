package parley.adapter.in.kafka.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import parley.adapter.in.kafka.dlq.DeadLetters;
import parley.testkit.KafkaProbe;
import parley.application.fake.TestCore;
import parley.contract.kafka.MessageRecordCodec;
import parley.domain.message.Message;
import parley.domain.message.MessagePersisted;
import parley.domain.room.RoomId;
import parley.domain.user.User;
import reactor.test.StepVerifier;

/** The gateway's listener: persisted events reach the local sockets in partition order; poison is dead-lettered. */
class PersistedMessageBroadcastListenerTest {

    private final TestCore core = TestCore.create();
    private final User alice = core.registerUser("alice@example.com");
    private final RoomId room = core.createRoom(alice.id(), "general");
    private final MessageRecordCodec codec = new MessageRecordCodec();
    private final KafkaProbe kafka = new KafkaProbe();
    private final String topic = "test.broadcast." + UUID.randomUUID();
    private final PersistedMessageBroadcastListener listener =
            new PersistedMessageBroadcastListener(core.liveDeliveryService, new DeadLetters(kafka.template(), new SimpleMeterRegistry()),
                    new BroadcastPositions(), "test");

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void persistedMessagesReachTheSocketsInTheOrderOfThePartitionAndPoisonIsSetAside() {
        List<Message> stored = core.storeTexts(room, alice.id(), "one", "two", "three");
        List<ConsumerRecord<String, byte[]>> batch = List.of(
                record(0, codec.encode(new MessagePersisted(stored.get(0)))),
                record(1, codec.encode(new MessagePersisted(stored.get(1)))),
                record(2, "{}".getBytes(StandardCharsets.UTF_8)),
                record(3, codec.encode(new MessagePersisted(stored.get(2)))));

        StepVerifier.create(listener.onBatch(batch)).verifyComplete();

        assertThat(core.clients.deliveredMessages()).extracting(Message::seq).containsExactly(1L, 2L, 3L);
        assertThat(kafka.read(topic + ".dlq", 1)).singleElement()
                .satisfies(letter -> assertThat(new String(letter.headers().lastHeader(DeadLetters.REASON_HEADER).value(),
                        StandardCharsets.UTF_8)).contains("schemaVersion"));
    }

    @Test
    void aDeliveryThatFailsDoesNotStopTheOnesAfterIt() {
        List<Message> stored = core.storeTexts(room, alice.id(), "one", "two");
        core.clients.failNext(2); // the batch, then message 1 on its own

        StepVerifier.create(listener.onBatch(List.of(
                record(0, codec.encode(new MessagePersisted(stored.get(0)))),
                record(1, codec.encode(new MessagePersisted(stored.get(1))))))).verifyComplete();

        assertThat(core.clients.deliveredMessages()).extracting(Message::seq).containsExactly(2L);
    }

    // L3: a dead letter that cannot be sent must not cost the batch its live delivery
    @Test
    void aDeadLetterThatCannotBeSentDoesNotCostTheOthersTheirDelivery() {
        List<Message> stored = core.storeTexts(room, alice.id(), "one", "two");
        var nowhere = new DefaultKafkaProducerFactory<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 300,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        try {
            var unlucky = new PersistedMessageBroadcastListener(core.liveDeliveryService,
                    new DeadLetters(new KafkaTemplate<>(nowhere), new SimpleMeterRegistry()), new BroadcastPositions(), "test");

            StepVerifier.create(unlucky.onBatch(List.of(
                            record(0, "poison".getBytes(StandardCharsets.UTF_8)),
                            record(1, codec.encode(new MessagePersisted(stored.get(0)))),
                            record(2, codec.encode(new MessagePersisted(stored.get(1)))))))
                    .verifyComplete();

            assertThat(core.clients.deliveredMessages()).extracting(Message::seq).containsExactly(1L, 2L);
        } finally {
            nowhere.destroy();
        }
    }

    // M6: one environment for many replicas must never put them in one group
    @Test
    void twoGatewaysOfOneNameHaveGroupsOfTheirOwn() {
        var deadLetters = new DeadLetters(kafka.template(), new SimpleMeterRegistry());
        var first = new PersistedMessageBroadcastListener(core.liveDeliveryService, deadLetters, new BroadcastPositions(), "gateway");
        var second = new PersistedMessageBroadcastListener(core.liveDeliveryService, deadLetters, new BroadcastPositions(), "gateway");

        assertThat(first.getGroupId()).startsWith("parley-gateway-gateway-").isNotEqualTo(second.getGroupId());
    }

    private ConsumerRecord<String, byte[]> record(long offset, byte[] value) {
        return new ConsumerRecord<>(topic, 0, offset, room.value(), value);
    }
}
