package parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import parley.application.model.StoredBatch;
import parley.application.fake.TestCore;
import parley.domain.message.Message;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessagePersisted;
import parley.domain.room.Room;
import parley.domain.room.RoomId;
import parley.domain.user.User;
import reactor.test.StepVerifier;

class PersistMessagesServiceTest {

    private final TestCore core = TestCore.create();
    private final User alice = core.registerUser("alice@example.com");
    private final RoomId roomA = core.createRoom(alice.id(), "A");
    private final RoomId roomB = core.createRoom(alice.id(), "B");

    private MessageAccepted inA(String text) {
        return core.accepted(roomA, alice.id(), text);
    }

    private MessageAccepted inB(String text) {
        return core.accepted(roomB, alice.id(), text);
    }

    /** The same client message sent again: the gateway gave it a new message id (its registry was down). */
    private MessageAccepted resentWithNewId(MessageAccepted original) {
        return new MessageAccepted(core.ids.newMessageId(), original.roomId(), original.senderId(), original.clientMsgId(),
                original.content(), original.acceptedAt().plusSeconds(1));
    }

    private List<Message> persist(List<MessageAccepted> batch) {
        return core.persistMessagesService.persist(batch).block().stored();
    }

    private static List<String> texts(List<Message> messages) {
        return messages.stream().map(message -> message.content().value()).toList();
    }

    private List<Long> seqsOf(RoomId roomId) {
        return core.messages.afterSeq(roomId, 0, 1000).map(Message::seq).collectList().block();
    }

    @Test
    void eachRoomNumbersItsMessagesGaplesslyInArrivalOrder() {
        List<Message> stored = persist(List.of(inA("a1"), inB("b1"), inA("a2"), inA("a3"), inB("b2")));

        assertThat(texts(stored)).containsExactly("a1", "b1", "a2", "a3", "b2");
        assertThat(stored).extracting(Message::seq).containsExactly(1L, 1L, 2L, 3L, 2L);
    }

    @Test
    void theNextBatchContinuesEachRoomsNumbering() {
        persist(List.of(inA("a1"), inB("b1"), inA("a2")));

        List<Message> stored = persist(List.of(inB("b2"), inA("a3")));

        assertThat(stored).extracting(Message::seq).containsExactly(2L, 3L);
        assertThat(seqsOf(roomA)).containsExactly(1L, 2L, 3L);
        assertThat(seqsOf(roomB)).containsExactly(1L, 2L);
    }

    @Test
    void storedMessagesKeepTheirAcceptedIdContentAndTime() {
        MessageAccepted accepted = inA("hello");

        Message stored = persist(List.of(accepted)).getFirst();

        assertThat(stored).isEqualTo(accepted.toMessage(1));
        assertThat(core.messages.findById(roomA, accepted.messageId()).block()).isEqualTo(stored);
    }

    @Test
    void everyStoredMessageIsAnnouncedInOneCallInBatchOrderOnlyThenTheBatchCompletes() {
        List<Message> stored = core.persistMessagesService.persist(List.of(inA("a1"), inB("b1"), inA("a2"))).block().stored();

        assertThat(core.persistedPublisher.batches()).containsExactly(stored.stream().map(MessagePersisted::new).toList());
        assertThat(texts(stored)).containsExactly("a1", "b1", "a2");
    }

    @Test
    void theSameMessageTwiceInOneBatchIsStoredOnceAndAnnouncedOnce() {
        MessageAccepted a1 = inA("a1");

        List<Message> stored = persist(List.of(a1, inA("a2"), a1));

        assertThat(texts(stored)).containsExactly("a1", "a2");
        assertThat(stored).extracting(Message::seq).containsExactly(1L, 2L);
        assertThat(core.persistedPublisher.published()).hasSize(2);
        assertThat(core.chat.messageCount()).isEqualTo(2);
    }

    @Test
    void aResendWithANewIdInTheSameBatchIsStoredOnceUnderTheFirstId() {
        MessageAccepted original = inA("hello");

        List<Message> stored = persist(List.of(original, resentWithNewId(original), inA("next")));

        assertThat(stored).extracting(Message::id).containsExactly(original.messageId(), stored.get(1).id());
        assertThat(texts(stored)).containsExactly("hello", "next");
        assertThat(seqsOf(roomA)).containsExactly(1L, 2L);
    }

    @Test
    void aDuplicateOfAnEarlierBatchIsAnsweredWithTheStoredRowAndStillAnnounced() {
        MessageAccepted a1 = inA("a1");
        MessageAccepted a2 = inA("a2");
        Message storedA2 = persist(List.of(a1, a2)).get(1);

        core.clock.advance(Duration.ofMinutes(1));
        List<Message> redelivered = persist(List.of(a2, inA("a3")));

        assertThat(redelivered.getFirst()).isEqualTo(storedA2);
        assertThat(redelivered).extracting(Message::seq).containsExactly(2L, 3L);
        assertThat(core.persistedPublisher.batches().getLast())
                .extracting(MessagePersisted::message)
                .containsExactlyElementsOf(redelivered);
        assertThat(seqsOf(roomA)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aResendWithANewIdInALaterBatchIsAnsweredWithTheOriginalRow() {
        MessageAccepted original = inA("hello");
        Message stored = persist(List.of(original)).getFirst();

        List<Message> again = persist(List.of(resentWithNewId(original)));

        assertThat(again).containsExactly(stored);
        assertThat(core.chat.messageCount()).isEqualTo(1);
    }

    @Test
    void duplicatesLeaveNoHoleInTheNumbering() {
        MessageAccepted a1 = inA("a1");
        persist(List.of(a1));

        persist(List.of(a1, inA("a2"), resentWithNewId(a1), inA("a3"), a1));

        assertThat(seqsOf(roomA)).containsExactlyElementsOf(LongStream.rangeClosed(1, 3).boxed().toList());
    }

    @Test
    void eachRoomsLastMessageMovesToItsNewestMessage() {
        List<Message> stored = persist(List.of(inA("a1"), inB("b1"), inA("a2")));

        Room a = core.rooms.findById(roomA).block();
        Room b = core.rooms.findById(roomB).block();
        assertThat(a.lastSeq()).isEqualTo(2);
        assertThat(a.lastMessageId()).isEqualTo(stored.get(2).id());
        assertThat(a.lastMessageAt()).isEqualTo(stored.get(2).createdAt());
        assertThat(b.lastMessageId()).isEqualTo(stored.get(1).id());
    }

    @Test
    void anEmptyBatchStoresAndAnnouncesNothing() {
        StepVerifier.create(core.persistMessagesService.persist(List.of()))
                .expectNext(StoredBatch.of(List.of()))
                .verifyComplete();

        assertThat(core.persistedPublisher.attempts()).isEmpty();
    }

    @Test
    void whenTheAnnouncementFailsThePersistFailsSoTheOffsetsAreNotCommitted() {
        IllegalStateException brokerDown = new IllegalStateException("broker down");
        core.persistedPublisher.failWith(brokerDown);

        StepVerifier.create(core.persistMessagesService.persist(List.of(inA("a1"))))
                .verifyErrorSatisfies(error -> assertThat(error).isSameAs(brokerDown));
    }

    @Test
    void aRedeliveryAfterAFailedAnnouncementAnnouncesTheSameRows() {
        List<MessageAccepted> batch = List.of(inA("a1"), inB("b1"));
        core.persistedPublisher.failWith(new IllegalStateException("broker down"));
        core.persistMessagesService.persist(batch).onErrorComplete().block();
        core.persistedPublisher.acknowledge();

        List<Message> redelivered = persist(batch);

        assertThat(redelivered).extracting(Message::seq).containsExactly(1L, 1L);
        assertThat(core.persistedPublisher.published()).extracting(MessagePersisted::message).containsExactlyElementsOf(redelivered);
        assertThat(core.chat.messageCount()).isEqualTo(2);
    }

    @Test
    void whenTheStoreFailsNothingIsAnnounced() {
        core.messages.failWith(new IllegalStateException("database down"));

        StepVerifier.create(core.persistMessagesService.persist(List.of(inA("a1"))))
                .verifyErrorMessage("database down");
        assertThat(core.persistedPublisher.attempts()).isEmpty();
    }

    @Test
    void thePersistCompletesOnlyOnceTheAnnouncementIsAcknowledged() {
        core.persistedPublisher.neverComplete();

        StepVerifier.create(core.persistMessagesService.persist(List.of(inA("a1"))))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(200))
                .thenCancel()
                .verify();
        assertThat(core.persistedPublisher.attempts()).hasSize(1);
    }

    @Test
    void aMessageForAnUnknownRoomIsRefusedAndTheRestIsStoredAndAnnounced() {
        MessageAccepted lost = core.accepted(core.ids.newRoomId(), alice.id(), "into the void");

        StoredBatch result = core.persistMessagesService.persist(List.of(inA("a1"), lost, inA("a2"))).block();

        assertThat(texts(result.stored())).containsExactly("a1", "a2");
        assertThat(result.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.message()).isEqualTo(lost);
            assertThat(rejected.reason()).contains("unknown room");
        });
        assertThat(core.persistedPublisher.batches()).singleElement().satisfies(batch -> assertThat(batch).hasSize(2));
    }
}
