package parley.adapter.out.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import parley.domain.message.Message;
import parley.domain.message.MessageAccepted;
import parley.domain.room.ReadPosition;
import parley.domain.room.Room;
import parley.domain.user.User;
import parley.testkit.WithRealInfrastructure;

/**
 * M2 of the red-team review, the concrete case: A is given the smaller id, B the larger, but B
 * reaches the worker first, so seq(B) = 1 and seq(A) = 2. Everything that orders must follow seq.
 */
@WithRealInfrastructure
class SeqOrdersIdsIdentifyTest {

    private static PostgresDatabase database;
    private static ChatFixture chat;
    private static User writer;
    private static User reader;
    private static Room room;
    private static Message b;
    private static Message a;

    @BeforeAll
    static void storeBBeforeA() {
        database = PostgresDatabase.createMigrated();
        chat = new ChatFixture(database);
        writer = chat.user("writer");
        reader = chat.user("reader");
        room = chat.room(writer, "Race");
        chat.join(room, reader);
        MessageAccepted first = chat.text(room, writer, "A, minted first");
        MessageAccepted second = chat.text(room, writer, "B, minted second");
        assertThat(first.messageId()).isLessThan(second.messageId());
        List<Message> stored = chat.messages.storeBatch(List.of(second, first)).block().stored();
        b = stored.get(0);
        a = stored.get(1);
        assertThat(b.seq()).isEqualTo(1);
        assertThat(a.seq()).isEqualTo(2);
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void historyIsInSeqOrder() {
        assertThat(chat.messages.latest(room.id(), 10).collectList().block()).extracting(Message::seq).containsExactly(1L, 2L);
    }

    @Test
    void afterAMessageMeansAfterItsSeq() {
        assertThat(chat.messages.afterSeq(room.id(), b.seq(), 10).collectList().block()).extracting(Message::id).containsExactly(a.id());
        assertThat(chat.messages.beforeSeq(room.id(), a.seq(), 10).collectList().block()).extracting(Message::id).containsExactly(b.id());
    }

    @Test
    void readingTheNewestMessageLeavesNothingUnreadAndAnOlderOneCannotMoveTheMarkerBack() {
        Room other = chat.room(writer, "Race again");
        chat.join(other, reader);
        MessageAccepted first = chat.text(other, writer, "A");
        MessageAccepted second = chat.text(other, writer, "B");
        List<Message> stored = chat.messages.storeBatch(List.of(second, first)).block().stored();
        Message newest = stored.get(1);
        Message older = stored.get(0);

        markRead(other, newest);
        markRead(other, older);

        assertThat(chat.memberships.find(other.id(), reader.id()).block().lastReadMessageId()).isEqualTo(newest.id());
        assertThat(chat.rooms.summary(other.id(), reader.id()).block().unreadCount()).isZero();
    }

    private static void markRead(Room in, Message message) {
        chat.memberships.advanceReadMarker(in.id(), reader.id(), new ReadPosition(message.id(), message.seq())).block();
    }
}
