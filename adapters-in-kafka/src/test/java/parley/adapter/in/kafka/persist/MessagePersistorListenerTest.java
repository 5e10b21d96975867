package parley.adapter.in.kafka.persist;

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
import parley.domain.message.MessageAccepted;
import parley.domain.room.RoomId;
import parley.domain.user.User;
import reactor.test.StepVerifier;

/**
 * The worker's listener over the real use case (with in-memory stores) and a real broker for the
 * dead letters: readable records are stored and announced, unreadable and refused ones are
 * dead-lettered with their reason, and the batch completes only when all of that is done.
 */
class MessagePersistorListenerTest {

    private final TestCore core = TestCore.create();
    private final User alice = core.registerUser("alice@example.com");
    private final RoomId room = core.createRoom(alice.id(), "general");
    private final MessageRecordCodec codec = new MessageRecordCodec();
    private final KafkaProbe kafka = new KafkaProbe();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    // a topic of this test's own, so the dead letters it reads are its own
    private final String topic = "test.persistor." + UUID.randomUUID();
    private final MessagePersistorListener listener =
            new MessagePersistorListener(core.persistMessagesService, new DeadLetters(kafka.template(), meters));

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void readableRecordsAreStoredAndAnnouncedAndPoisonGoesToTheDeadLetterTopicWithItsReason() {
        MessageAccepted first = core.accepted(room, alice.id(), "first");
        MessageAccepted second = core.accepted(room, alice.id(), "second");
        MessageAccepted nowhere = core.accepted(core.ids.newRoomId(), alice.id(), "into the void");
        List<ConsumerRecord<String, byte[]>> batch = List.of(
                record(0, codec.encode(first)),
                record(1, "not json".getBytes(StandardCharsets.UTF_8)),
                record(2, codec.encode(nowhere)),
                record(3, "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8)),
                record(4, codec.encode(second)));

        StepVerifier.create(listener.onBatch(batch)).verifyComplete();

        assertThat(core.persistedPublisher.batches()).singleElement()
                .satisfies(announced -> assertThat(announced).extracting(e -> e.message().content().value()).containsExactly("first", "second"));
        assertThat(core.persistedPublisher.batches().getFirst()).extracting(e -> e.message().seq()).containsExactly(1L, 2L);

        var letters = kafka.read(topic + ".dlq", 3);
        assertThat(letters).hasSize(3);
        assertThat(letters).extracting(r -> new String(r.headers().lastHeader(DeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8))
                .anySatisfy(reason -> assertThat(reason).contains("not a JSON object"))
                .anySatisfy(reason -> assertThat(reason).contains("unknown room " + nowhere.roomId()))
                .anySatisfy(reason -> assertThat(reason).contains("unsupported schemaVersion 2"));
        assertThat(letters).extracting(r -> new String(r.headers().lastHeader(DeadLetters.ORIGIN_HEADER).value(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder(topic + "-0@1", topic + "-0@2", topic + "-0@3");
        assertThat(meters.get("parley.dlq.records").tag("kind", "unreadable").counter().count()).isEqualTo(2);
        assertThat(meters.get("parley.dlq.records").tag("kind", "rejected").counter().count()).isEqualTo(1);
    }

    @Test
    void aBatchWhoseStoringFailsFailsSoItsOffsetsAreNotCommitted() {
        core.messages.failWith(new IllegalStateException("database down"));

        StepVerifier.create(listener.onBatch(List.of(record(0, codec.encode(core.accepted(room, alice.id(), "lost?"))))))
                .verifyErrorMessage("database down");
        assertThat(core.persistedPublisher.batches()).isEmpty();
    }

    @Test
    void theWorkersListenerRetriesAFailedBatchUntilItIsStoredInsteadOfLettingItsOffsetsBeCommitted() {
        var retrying = new MessagePersistorListener(core.persistMessagesService, new DeadLetters(kafka.template(), meters),
                new PersistorSettings(java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(50), 3));
        core.messages.failWith(new IllegalStateException("database down"));
        var batch = retrying.onBatch(List.of(record(0, codec.encode(core.accepted(room, alice.id(), "kept")))));

        StepVerifier.create(batch)
                .then(() -> sleep(200))
                .then(() -> core.messages.failWith(null))
                .expectComplete()
                .verify(java.time.Duration.ofSeconds(10));

        assertThat(core.persistedPublisher.batches()).singleElement()
                .satisfies(announced -> assertThat(announced).extracting(e -> e.message().content().value()).containsExactly("kept"));
    }

    // L3: a record that decodes but that the database refuses must not stall its partition for good
    @Test
    void aMessageTheStoreRefusesIsSetAsideAfterTheBatchFailedEnoughAndTheRestIsStoredInOrder() {
        var retrying = new MessagePersistorListener(core.persistMessagesService, new DeadLetters(kafka.template(), meters),
                new PersistorSettings(java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(50), 2));
        core.messages.refuse(message -> message.content().value().equals("unstorable"));

        StepVerifier.create(retrying.onBatch(List.of(
                        record(0, codec.encode(core.accepted(room, alice.id(), "before"))),
                        record(1, codec.encode(core.accepted(room, alice.id(), "unstorable"))),
                        record(2, codec.encode(core.accepted(room, alice.id(), "after"))))))
                .expectComplete()
                .verify(java.time.Duration.ofSeconds(10));

        assertThat(core.persistedPublisher.batches()).singleElement()
                .satisfies(announced -> assertThat(announced).extracting(e -> e.message().content().value() + "#" + e.message().seq())
                        .containsExactly("before#1", "after#2"));
        assertThat(kafka.read(topic + ".dlq", 1)).singleElement().satisfies(letter -> {
            assertThat(new String(letter.headers().lastHeader(DeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8))
                    .contains("refused by the store");
            assertThat(new String(letter.headers().lastHeader(DeadLetters.ORIGIN_HEADER).value(), StandardCharsets.UTF_8))
                    .isEqualTo(topic + "-0@1");
        });
        assertThat(meters.get("parley.dlq.records").tag("kind", "rejected").counter().count()).isEqualTo(1);
    }

    // L3: ... but an outage is waited out, however long, and never costs a message
    @Test
    void anOutageIsWaitedOutEvenOnceTheBatchIsStoredOneByOne() {
        var retrying = new MessagePersistorListener(core.persistMessagesService, new DeadLetters(kafka.template(), meters),
                new PersistorSettings(java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(20), 1));
        core.messages.failWith(new IllegalStateException("database down"));
        var batch = retrying.onBatch(List.of(
                record(0, codec.encode(core.accepted(room, alice.id(), "one"))),
                record(1, codec.encode(core.accepted(room, alice.id(), "two")))));

        StepVerifier.create(batch)
                .then(() -> sleep(300)) // many attempts, most of them one by one
                .then(() -> core.messages.failWith(null))
                .expectComplete()
                .verify(java.time.Duration.ofSeconds(10));

        assertThat(core.persistedPublisher.batches()).singleElement()
                .satisfies(announced -> assertThat(announced).extracting(e -> e.message().content().value()).containsExactly("one", "two"));
        assertThat(meters.find("parley.dlq.records").counters()).as("nothing dead-lettered").isEmpty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aBatchWhoseAnnouncementFailsFailsToo() {
        core.persistedPublisher.failWith(new IllegalStateException("broker down"));

        StepVerifier.create(listener.onBatch(List.of(record(0, codec.encode(core.accepted(room, alice.id(), "stored, not announced"))))))
                .verifyErrorMessage("broker down");
    }

    private ConsumerRecord<String, byte[]> record(long offset, byte[] value) {
        return new ConsumerRecord<>(topic, 0, offset, room.value(), value);
    }
}
