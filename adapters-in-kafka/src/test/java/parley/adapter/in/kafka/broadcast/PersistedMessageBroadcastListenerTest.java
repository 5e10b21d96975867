package parley.adapter.in.kafka.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
            new PersistedMessageBroadcastListener(core.liveDeliveryService, new DeadLetters(kafka.template(), new SimpleMeterRegistry()));

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

    private ConsumerRecord<String, byte[]> record(long offset, byte[] value) {
        return new ConsumerRecord<>(topic, 0, offset, room.value(), value);
    }
}
