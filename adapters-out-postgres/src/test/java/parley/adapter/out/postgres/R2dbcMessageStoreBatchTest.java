package parley.adapter.out.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.adapter.out.postgres.ChatFixture.resentWithNewId;
import static parley.adapter.out.postgres.ChatFixture.sameIdOtherClientMsgId;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import parley.application.port.out.StoreRefusedException;
import parley.application.port.out.StoredBatch;
import parley.application.port.out.StoredBatch.Rejected;
import parley.domain.message.ClientMsgId;
import parley.domain.message.Message;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessageContent;
import parley.domain.room.Room;
import parley.domain.room.RoomId;
import parley.domain.user.User;
import parley.domain.user.UserId;
import reactor.test.StepVerifier;

/** {@link R2dbcMessageStore#storeBatch}: numbering, deduplication, rejection and the rooms' last message. */
class R2dbcMessageStoreBatchTest extends MigratedDatabaseTest {

    @Test
    void messagesOfTwoInterleavedRoomsAreNumberedGaplesslyPerRoomInBatchOrder() {
        User alice = chat.user("alice");
        Room red = chat.room(alice, "Red");
        Room blue = chat.room(alice, "Blue");
        List<MessageAccepted> batch = List.of(
                chat.text(red, alice, "r1"), chat.text(blue, alice, "b1"), chat.text(blue, alice, "b2"),
                chat.text(red, alice, "r2"), chat.text(red, alice, "r3"), chat.text(blue, alice, "b3"));

        StoredBatch stored = chat.messages.storeBatch(batch).block();

        assertThat(stored.rejected()).isEmpty();
        assertThat(stored.stored()).extracting(m -> m.content().value() + "#" + m.seq())
                .containsExactly("r1#1", "b1#1", "b2#2", "r2#2", "r3#3", "b3#3");
        assertThat(stored.stored()).extracting(Message::id).containsExactlyElementsOf(batch.stream().map(MessageAccepted::messageId).toList());
        assertThat(seqsOf(red.id())).containsExactly(1L, 2L, 3L);
        assertThat(seqsOf(blue.id())).containsExactly(1L, 2L, 3L);

        StoredBatch next = chat.messages.storeBatch(List.of(chat.text(blue, alice, "b4"), chat.text(red, alice, "r4"))).block();
        assertThat(next.stored()).extracting(Message::seq).containsExactly(4L, 4L);
    }

    @Test
    void whatStoreBatchAnswersIsWhatIsReadBackLater() {
        User alice = chat.user("alice");
        Room room = chat.room(alice, "Round trip");
        MessageAccepted tricky = new MessageAccepted(TestIds.messageId(), room.id(), alice.id(), new ClientMsgId(UUID.randomUUID()),
                MessageContent.text("{\"a\",\"b\"} NULL, back\\slash 'quote' \"dq\"\n\ttab ☕ 𝄞 ,{}"),
                Instant.parse("2026-03-01T12:00:00.987654321Z"));
        MessageAccepted nullWord = chat.text(room, alice, "NULL");
        MessageAccepted image = new MessageAccepted(TestIds.messageId(), room.id(), alice.id(), new ClientMsgId(UUID.randomUUID()),
                MessageContent.image("https://img.example.com/cat.png?size=2&x=%20"), chat.tick());

        List<Message> stored = chat.messages.storeBatch(List.of(tricky, nullWord, image)).block().stored();

        assertThat(stored.getFirst().createdAt()).isEqualTo(Instant.parse("2026-03-01T12:00:00.987654Z"));
        assertThat(stored.getFirst().content()).isEqualTo(tricky.content());
        assertThat(stored.get(1).content().value()).isEqualTo("NULL");
        for (Message message : stored) {
            assertThat(chat.messages.findById(room.id(), message.id()).block()).isEqualTo(message);
        }
    }

    // L3: a refusal of the data is told apart from an outage, so the worker can set the one message aside
    @Test
    void aValuePostgresCannotHoldIsARefusalOfTheBatchNotAnOutage() {
        User alice = chat.user("alice");
        Room room = chat.room(alice, "Far future");
        MessageAccepted farFuture = new MessageAccepted(TestIds.messageId(), room.id(), alice.id(), new ClientMsgId(UUID.randomUUID()),
                MessageContent.text("from the year 300000"), Instant.parse("+300000-01-01T00:00:00Z"));

        StepVerifier.create(chat.messages.storeBatch(List.of(chat.text(room, alice, "fine"), farFuture)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(StoreRefusedException.class).hasMessageContaining("SQLSTATE 22"))
                .verify();
        assertThat(seqsOf(room.id())).as("nothing of the batch stored").isEmpty();
    }

    @Test
    void aMessageRepeatedInOneBatchIsStoredOnceAndAnsweredOnce() {
        User alice = chat.user("alice");
        Room room = chat.room(alice, "Repeats");
        MessageAccepted hello = chat.text(room, alice, "hello");
        MessageAccepted world = chat.text(room, alice, "world");

        StoredBatch stored = chat.messages.storeBatch(List.of(hello, hello, world, sameIdOtherClientMsgId(hello))).block();

        assertThat(stored.stored()).extracting(m -> m.id() + "#" + m.seq())
                .containsExactly(hello.messageId() + "#1", world.messageId() + "#2");
        assertThat(seqsOf(room.id())).containsExactly(1L, 2L);
    }

    @Test
    void aResendWithANewIdInOneBatchAnswersWithTheFirstOne() {
        User alice = chat.user("alice");
        Room room = chat.room(alice, "Resends");
        MessageAccepted original = chat.text(room, alice, "once");
        MessageAccepted resent = resentWithNewId(original);
        MessageAccepted after = chat.text(room, alice, "after");

        StoredBatch stored = chat.messages.storeBatch(List.of(original, resent, after)).block();

        assertThat(stored.stored()).extracting(m -> m.id() + "#" + m.seq())
                .containsExactly(original.messageId() + "#1", after.messageId() + "#2");
        assertThat(chat.messages.findById(room.id(), resent.messageId()).block()).isNull();
    }

    @Test
    void duplicatesOfEarlierBatchesAnswerWithTheStoredRowAndTheirOriginalSeq() {
        User alice = chat.user("alice");
        Room room = chat.room(alice, "Redelivery");
        MessageAccepted first = chat.text(room, alice, "first");
        MessageAccepted second = chat.text(room, alice, "second");
        List<Message> original = chat.messages.storeBatch(List.of(first, second)).block().stored();
        MessageAccepted third = chat.text(room, alice, "third");
        MessageAccepted secondResent = resentWithNewId(second);

        StoredBatch again = chat.messages.storeBatch(List.of(third, second, secondResent, first)).block();

        assertThat(again.stored()).containsExactly(
                third.toMessage(3), original.get(1), original.get(0));
        assertThat(seqsOf(room.id())).containsExactly(1L, 2L, 3L);
        assertThat(chat.rooms.findById(room.id()).block().lastMessageId()).isEqualTo(third.messageId());
    }

    @Test
    void unknownRoomsAndSendersAreRejectedWhileTheRestIsStored() {
        User alice = chat.user("alice");
        Room room = chat.room(alice, "Partly");
        RoomId nowhere = TestIds.roomId();
        UserId nobody = TestIds.userId();
        MessageAccepted ok1 = chat.text(room, alice, "ok 1");
        MessageAccepted lostRoom = chat.text(nowhere, alice.id(), "lost room");
        MessageAccepted lostSender = chat.text(room.id(), nobody, "lost sender");
        MessageAccepted ok2 = chat.text(room, alice, "ok 2");

        StoredBatch stored = chat.messages.storeBatch(List.of(ok1, lostRoom, lostSender, lostRoom, ok2)).block();

        assertThat(stored.stored()).extracting(m -> m.content().value() + "#" + m.seq()).containsExactly("ok 1#1", "ok 2#2");
        assertThat(stored.rejected()).containsExactly(
                new Rejected(lostRoom, "unknown room " + nowhere),
                new Rejected(lostSender, "unknown sender " + nobody));
        assertThat(chat.messages.findById(room.id(), lostSender.messageId()).block()).isNull();
        assertThat(seqsOf(room.id())).containsExactly(1L, 2L);
    }

    @Test
    void aBatchOfOnlyRejectedMessagesStoresNothing() {
        RoomId nowhere = TestIds.roomId();
        MessageAccepted lost = chat.text(nowhere, chat.user("alice").id(), "lost");

        StoredBatch stored = chat.messages.storeBatch(List.of(lost)).block();

        assertThat(stored.stored()).isEmpty();
        assertThat(stored.rejected()).extracting(Rejected::reason).containsExactly("unknown room " + nowhere);
        assertThat(chat.messages.storeBatch(List.of()).block()).isEqualTo(new StoredBatch(List.of(), List.of()));
    }

    @Test
    void theRoomsLastMessageMovesToTheNewestSeqAndNeverBack() {
        User alice = chat.user("alice");
        Room room = chat.room(alice, "Last");
        MessageAccepted first = chat.text(room, alice, "first");
        MessageAccepted second = chat.text(room, alice, "second");
        chat.messages.storeBatch(List.of(first, second)).block();

        Room afterFirstBatch = chat.rooms.findById(room.id()).block();
        assertThat(afterFirstBatch.lastSeq()).isEqualTo(2);
        assertThat(afterFirstBatch.lastMessageId()).isEqualTo(second.messageId());
        assertThat(afterFirstBatch.lastMessageAt()).isEqualTo(second.acceptedAt());

        // a redelivery of older messages stores nothing and leaves the room as it was
        chat.messages.storeBatch(List.of(first, resentWithNewId(second))).block();
        assertThat(chat.rooms.findById(room.id()).block()).isEqualTo(afterFirstBatch);

        // a new message accepted "earlier" (another gateway's clock) is still the newest by seq
        MessageAccepted late = new MessageAccepted(TestIds.messageId(), room.id(), alice.id(), new ClientMsgId(UUID.randomUUID()),
                MessageContent.text("late"), first.acceptedAt().minusSeconds(60));
        chat.messages.storeBatch(List.of(late)).block();
        Room afterLate = chat.rooms.findById(room.id()).block();
        assertThat(afterLate.lastSeq()).isEqualTo(3);
        assertThat(afterLate.lastMessageId()).isEqualTo(late.messageId());
        assertThat(afterLate.lastMessageAt()).isEqualTo(late.acceptedAt());
    }

    @Test
    void aBatchWhoseNewRowsCannotAllBeInsertedIsRolledBackWholeRatherThanLeaveAGap() {
        User alice = chat.user("alice");
        Room room = chat.room(alice, "Gap");
        Room other = chat.room(alice, "Other");
        // a row written past the store: seq 1 is taken although the room's last_seq still says 0
        database.client.sql("""
                        INSERT INTO messages (id, room_id, sender_id, client_msg_id, type, content, created_at, seq)
                        VALUES ($1, $2, $3, $4, 'TEXT', 'rogue', now(), 1)""")
                .bind(0, TestIds.next())
                .bind(1, room.id().value())
                .bind(2, alice.id().value())
                .bind(3, UUID.randomUUID())
                .fetch().rowsUpdated().block();
        List<MessageAccepted> batch = List.of(chat.text(other, alice, "fine"), chat.text(room, alice, "would be 1"),
                chat.text(room, alice, "would be 2"));

        StepVerifier.create(chat.messages.storeBatch(batch))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(IllegalStateException.class).hasMessageContaining("seq gap"))
                .verify();

        assertThat(seqsOf(room.id())).containsExactly(1L);
        assertThat(seqsOf(other.id())).isEmpty();
        assertThat(chat.rooms.findById(room.id()).block().lastSeq()).isZero();
        assertThat(chat.rooms.findById(other.id()).block().lastSeq()).isZero();
    }

    private static List<Long> seqsOf(RoomId room) {
        return chat.messages.afterSeq(room, 0, 1000).map(Message::seq).collectList().block();
    }
}
