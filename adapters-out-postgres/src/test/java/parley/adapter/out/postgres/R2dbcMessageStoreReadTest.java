package parley.adapter.out.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import parley.domain.message.ClientMsgId;
import parley.domain.message.Message;
import parley.domain.message.MessageAccepted;
import parley.domain.room.Room;
import parley.domain.user.User;
import parley.testkit.WithRealInfrastructure;
import reactor.test.StepVerifier;

/** Reading messages: history pages, catch-up by seq, look-ups. */
@WithRealInfrastructure
class R2dbcMessageStoreReadTest {

    private static PostgresDatabase database;
    private static ChatFixture chat;
    private static User alice;
    private static Room room;
    /** Ten messages, stored in ascending id order; another room has messages too. */
    private static List<Message> ten;

    @BeforeAll
    static void migrateAndWriteTenMessages() {
        database = PostgresDatabase.createMigrated();
        chat = new ChatFixture(database);
        alice = chat.user("alice");
        room = chat.room(alice, "History");
        Room elsewhere = chat.room(alice, "Elsewhere");
        List<MessageAccepted> batch = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            batch.add(chat.text(room, alice, "m" + i));
            batch.add(chat.text(elsewhere, alice, "elsewhere " + i));
        }
        ten = chat.messages.storeBatch(batch).block().stored().stream()
                .filter(message -> message.roomId().equals(room.id()))
                .toList();
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void theLatestPageIsTheNewestMessagesInAscendingSeqOrder() {
        assertThat(contents(chat.messages.latest(room.id(), 3))).containsExactly("m8", "m9", "m10");
        assertThat(contents(chat.messages.latest(room.id(), 100))).hasSize(10).first().isEqualTo("m1");
    }

    @Test
    void aPageBeforeASeqIsTheNewestOlderOnesInAscendingOrder() {
        assertThat(contents(chat.messages.beforeSeq(room.id(), 6, 3))).containsExactly("m3", "m4", "m5");
        assertThat(contents(chat.messages.beforeSeq(room.id(), 2, 3))).containsExactly("m1");
        assertThat(contents(chat.messages.beforeSeq(room.id(), 1, 3))).isEmpty();
    }

    @Test
    void historyPagesAreMessagesAsStored() {
        assertThat(chat.messages.latest(room.id(), 10).collectList().block()).containsExactlyElementsOf(ten);
    }

    @Test
    void catchUpBySeqReturnsLaterSeqsAscendingUpToTheLimit() {
        assertThat(chat.messages.afterSeq(room.id(), 7, 100).map(Message::seq).collectList().block()).containsExactly(8L, 9L, 10L);
        assertThat(chat.messages.afterSeq(room.id(), 0, 2).map(Message::seq).collectList().block()).containsExactly(1L, 2L);
        StepVerifier.create(chat.messages.afterSeq(room.id(), 10, 5)).verifyComplete();
        StepVerifier.create(chat.messages.afterSeq(room.id(), 0, 0)).expectError(IllegalArgumentException.class).verify();
    }

    @Test
    void aMessageIsFoundByIdInItsOwnRoomOnly() {
        Message third = ten.get(2);

        assertThat(chat.messages.findById(room.id(), third.id()).block()).isEqualTo(third);
        StepVerifier.create(chat.messages.findById(TestIds.roomId(), third.id())).verifyComplete();
        StepVerifier.create(chat.messages.findById(room.id(), TestIds.messageId())).verifyComplete();
    }

    @Test
    void aMessageIsFoundByItsSendersClientMsgId() {
        Message fourth = ten.get(3);

        assertThat(chat.messages.findByClientMsgId(room.id(), alice.id(), fourth.clientMsgId()).block()).isEqualTo(fourth);
        StepVerifier.create(chat.messages.findByClientMsgId(room.id(), TestIds.userId(), fourth.clientMsgId())).verifyComplete();
        StepVerifier.create(chat.messages.findByClientMsgId(room.id(), alice.id(), new ClientMsgId(UUID.randomUUID()))).verifyComplete();
    }

    private static List<String> contents(reactor.core.publisher.Flux<Message> page) {
        return page.map(message -> message.content().value()).collectList().block();
    }
}
