package parley.adapter.out.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import parley.application.port.out.StoreRefusedException;
import parley.domain.message.ClientMsgId;
import parley.domain.message.Message;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessageContent;
import parley.domain.room.Room;
import parley.domain.room.RoomId;
import parley.domain.user.User;
import reactor.test.StepVerifier;

/**
 * {@link R2dbcMessageStore#storeBatch} beyond the contract every store keeps ({@code R2dbcMessageStoreContractTest}):
 * what PostgreSQL itself does to values, refusals and a gap it must not leave.
 */
class R2dbcMessageStoreBatchTest extends MigratedDatabaseTest {

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
