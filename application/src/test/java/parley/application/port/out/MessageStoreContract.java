package parley.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import parley.application.fake.SequentialIdGenerator;
import parley.application.model.StoredBatch;
import parley.application.model.StoredBatch.Rejected;
import parley.domain.message.ClientMsgId;
import parley.domain.message.Message;
import parley.domain.message.MessageAccepted;
import parley.domain.message.MessageContent;
import parley.domain.room.Membership;
import parley.domain.room.Room;
import parley.domain.room.RoomDescription;
import parley.domain.room.RoomId;
import parley.domain.room.RoomName;
import parley.domain.user.DisplayName;
import parley.domain.user.EmailAddress;
import parley.domain.user.User;
import parley.domain.user.UserId;

/**
 * What every {@link MessageStore#storeBatch} does, whatever keeps the rows: numbering, dedupe,
 * rejection and the rooms' last message. Runs against the real R2DBC store and against the
 * in-memory fake, so the fake the core's tests trust cannot drift from the database.
 */
public abstract class MessageStoreContract {

    private static final Instant EPOCH = Instant.parse("2026-03-01T09:00:00.123456Z");

    /** Shared by every test of the JVM: a real store keeps its rows for the whole test class. */
    private static final SequentialIdGenerator ids = new SequentialIdGenerator("01JK000000");
    private final AtomicLong seconds = new AtomicLong();

    /** The store under test. */
    protected abstract MessageStore messages();

    /** The rooms the same store's rooms live in (its foreign keys). */
    protected abstract RoomStore rooms();

    /** The users the same store's senders are. */
    protected abstract UserStore users();

    @Test
    void messagesOfTwoInterleavedRoomsAreNumberedGaplesslyPerRoomInBatchOrder() {
        User alice = user("alice");
        Room red = room(alice, "Red");
        Room blue = room(alice, "Blue");
        List<MessageAccepted> batch = List.of(
                text(red, alice, "r1"), text(blue, alice, "b1"), text(blue, alice, "b2"),
                text(red, alice, "r2"), text(red, alice, "r3"), text(blue, alice, "b3"));

        StoredBatch stored = messages().storeBatch(batch).block();

        assertThat(stored.rejected()).isEmpty();
        assertThat(stored.stored()).extracting(m -> m.content().value() + "#" + m.seq())
                .containsExactly("r1#1", "b1#1", "b2#2", "r2#2", "r3#3", "b3#3");
        assertThat(stored.stored()).extracting(Message::id).containsExactlyElementsOf(batch.stream().map(MessageAccepted::messageId).toList());
        assertThat(seqsOf(red.id())).containsExactly(1L, 2L, 3L);
        assertThat(seqsOf(blue.id())).containsExactly(1L, 2L, 3L);

        StoredBatch next = messages().storeBatch(List.of(text(blue, alice, "b4"), text(red, alice, "r4"))).block();
        assertThat(next.stored()).extracting(Message::seq).containsExactly(4L, 4L);
    }

    @Test
    void aBatchNumbersExactlyAsTheSameMessagesSentOneByOne() {
        User alice = user("alice");
        Room together = room(alice, "Together");
        Room alone = room(alice, "Alone");
        List<String> texts = List.of("a", "b", "a-again", "c");
        List<MessageAccepted> batch = new ArrayList<>();
        List<MessageAccepted> singles = new ArrayList<>();
        for (String text : texts) {
            batch.add(text(together, alice, text));
            singles.add(text(alone, alice, text));
        }
        batch.add(resentWithNewId(batch.get(1)));
        singles.add(resentWithNewId(singles.get(1)));

        List<Message> inOne = messages().storeBatch(batch).block().stored();
        List<Message> oneByOne = singles.stream().flatMap(single -> messages().storeBatch(List.of(single)).block().stored().stream()).toList();

        assertThat(inOne).extracting(m -> m.content().value() + "#" + m.seq())
                .containsExactly("a#1", "b#2", "a-again#3", "c#4");
        assertThat(oneByOne).extracting(m -> m.content().value() + "#" + m.seq())
                .containsExactly("a#1", "b#2", "a-again#3", "c#4", "b#2");
    }

    @Test
    void aMessageRepeatedInOneBatchIsStoredOnceAndAnsweredOnce() {
        User alice = user("alice");
        Room room = room(alice, "Repeats");
        MessageAccepted hello = text(room, alice, "hello");
        MessageAccepted world = text(room, alice, "world");

        StoredBatch stored = messages().storeBatch(List.of(hello, hello, world, sameIdOtherClientMsgId(hello))).block();

        assertThat(stored.stored()).extracting(m -> m.id() + "#" + m.seq())
                .containsExactly(hello.messageId() + "#1", world.messageId() + "#2");
        assertThat(seqsOf(room.id())).containsExactly(1L, 2L);
    }

    @Test
    void aResendWithANewIdInOneBatchAnswersWithTheFirstOne() {
        User alice = user("alice");
        Room room = room(alice, "Resends");
        MessageAccepted original = text(room, alice, "once");
        MessageAccepted resent = resentWithNewId(original);
        MessageAccepted after = text(room, alice, "after");

        StoredBatch stored = messages().storeBatch(List.of(original, resent, after)).block();

        assertThat(stored.stored()).extracting(m -> m.id() + "#" + m.seq())
                .containsExactly(original.messageId() + "#1", after.messageId() + "#2");
        assertThat(messages().findById(room.id(), resent.messageId()).block()).isNull();
    }

    @Test
    void duplicatesOfEarlierBatchesAnswerWithTheStoredRowAndTheirOriginalSeq() {
        User alice = user("alice");
        Room room = room(alice, "Redelivery");
        MessageAccepted first = text(room, alice, "first");
        MessageAccepted second = text(room, alice, "second");
        List<Message> original = messages().storeBatch(List.of(first, second)).block().stored();
        MessageAccepted third = text(room, alice, "third");
        MessageAccepted secondResent = resentWithNewId(second);

        StoredBatch again = messages().storeBatch(List.of(third, second, secondResent, first)).block();

        assertThat(again.stored()).containsExactly(third.toMessage(3), original.get(1), original.get(0));
        assertThat(seqsOf(room.id())).containsExactly(1L, 2L, 3L);
        assertThat(rooms().findById(room.id()).block().lastMessageId()).isEqualTo(third.messageId());
    }

    @Test
    void unknownRoomsAndSendersAreRejectedWhileTheRestIsStored() {
        User alice = user("alice");
        Room room = room(alice, "Partly");
        RoomId nowhere = ids.newRoomId();
        UserId nobody = ids.newUserId();
        MessageAccepted ok1 = text(room, alice, "ok 1");
        MessageAccepted lostRoom = text(nowhere, alice.id(), "lost room");
        MessageAccepted lostSender = text(room.id(), nobody, "lost sender");
        MessageAccepted ok2 = text(room, alice, "ok 2");

        StoredBatch stored = messages().storeBatch(List.of(ok1, lostRoom, lostSender, lostRoom, ok2)).block();

        assertThat(stored.stored()).extracting(m -> m.content().value() + "#" + m.seq()).containsExactly("ok 1#1", "ok 2#2");
        assertThat(stored.rejected()).containsExactly(
                new Rejected(lostRoom, "unknown room " + nowhere),
                new Rejected(lostSender, "unknown sender " + nobody));
        assertThat(messages().findById(room.id(), lostSender.messageId()).block()).isNull();
        assertThat(seqsOf(room.id())).containsExactly(1L, 2L);
    }

    @Test
    void aBatchOfOnlyRejectedMessagesStoresNothing() {
        RoomId nowhere = ids.newRoomId();
        MessageAccepted lost = text(nowhere, user("alice").id(), "lost");

        StoredBatch stored = messages().storeBatch(List.of(lost)).block();

        assertThat(stored.stored()).isEmpty();
        assertThat(stored.rejected()).extracting(Rejected::reason).containsExactly("unknown room " + nowhere);
        assertThat(messages().storeBatch(List.of()).block()).isEqualTo(new StoredBatch(List.of(), List.of()));
    }

    @Test
    void theRoomsLastMessageMovesToTheNewestSeqAndNeverBack() {
        User alice = user("alice");
        Room room = room(alice, "Last");
        MessageAccepted first = text(room, alice, "first");
        MessageAccepted second = text(room, alice, "second");
        messages().storeBatch(List.of(first, second)).block();

        Room afterFirstBatch = rooms().findById(room.id()).block();
        assertThat(afterFirstBatch.lastSeq()).isEqualTo(2);
        assertThat(afterFirstBatch.lastMessageId()).isEqualTo(second.messageId());
        assertThat(afterFirstBatch.lastMessageAt()).isEqualTo(second.acceptedAt());

        // a redelivery of older messages stores nothing and leaves the room as it was
        messages().storeBatch(List.of(first, resentWithNewId(second))).block();
        assertThat(rooms().findById(room.id()).block()).isEqualTo(afterFirstBatch);

        // a new message accepted "earlier" (another gateway's clock) is still the newest by seq
        MessageAccepted late = new MessageAccepted(ids.newMessageId(), room.id(), alice.id(), new ClientMsgId(UUID.randomUUID()),
                MessageContent.text("late"), first.acceptedAt().minusSeconds(60));
        messages().storeBatch(List.of(late)).block();
        Room afterLate = rooms().findById(room.id()).block();
        assertThat(afterLate.lastSeq()).isEqualTo(3);
        assertThat(afterLate.lastMessageId()).isEqualTo(late.messageId());
        assertThat(afterLate.lastMessageAt()).isEqualTo(late.acceptedAt());
    }

    private List<Long> seqsOf(RoomId room) {
        return messages().afterSeq(room, 0, 1000).map(Message::seq).collectList().block();
    }

    private Instant tick() {
        return EPOCH.plusSeconds(seconds.incrementAndGet());
    }

    private User user(String name) {
        User user = new User(ids.newUserId(), EmailAddress.of(name + "-" + UUID.randomUUID() + "@example.com"),
                DisplayName.of(name), "hash-of-" + name, tick());
        return users().insert(user).block();
    }

    private Room room(User owner, String name) {
        Instant now = tick();
        Room room = Room.create(ids.newRoomId(), RoomName.of(name), RoomDescription.NONE, owner.id(), now);
        return rooms().insert(room, Membership.owner(room.id(), owner.id(), now)).block();
    }

    private MessageAccepted text(Room room, User sender, String text) {
        return text(room.id(), sender.id(), text);
    }

    private MessageAccepted text(RoomId room, UserId sender, String text) {
        return new MessageAccepted(ids.newMessageId(), room, sender, new ClientMsgId(UUID.randomUUID()), MessageContent.text(text), tick());
    }

    /** The same client message again under another message id (a client re-send that got a new id). */
    private MessageAccepted resentWithNewId(MessageAccepted original) {
        return new MessageAccepted(ids.newMessageId(), original.roomId(), original.senderId(), original.clientMsgId(),
                original.content(), original.acceptedAt().plus(Duration.ofMillis(5)));
    }

    /** The same message id with another client id (a redelivery whose client key does not match). */
    private static MessageAccepted sameIdOtherClientMsgId(MessageAccepted original) {
        return new MessageAccepted(original.messageId(), original.roomId(), original.senderId(),
                new ClientMsgId(UUID.randomUUID()), original.content(), original.acceptedAt());
    }
}
