package parley.domain.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static parley.domain.Fixtures.T0;
import static parley.domain.Fixtures.clientMsgId;
import static parley.domain.Fixtures.messageId;
import static parley.domain.Fixtures.roomId;
import static parley.domain.Fixtures.userId;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import parley.domain.message.Message;
import parley.domain.message.MessageContent;
import parley.domain.message.MessageId;

class RoomTest {

    private static final RoomId ROOM = roomId(1);
    private static final RoomName NAME = RoomName.of("general");
    private static final RoomDescription DESCRIPTION = RoomDescription.of("Everything");

    private final Room created = Room.create(ROOM, NAME, DESCRIPTION, userId(2), T0);

    private static Message message(RoomId room, int n, long seq) {
        return new Message(messageId(n), room, userId(3), clientMsgId(n), MessageContent.text("hi " + n),
                T0.plusSeconds(n), seq);
    }

    @Test
    void aNewRoomHasNoMessages() {
        assertThat(created.id()).isEqualTo(ROOM);
        assertThat(created.name()).isEqualTo(NAME);
        assertThat(created.description()).isEqualTo(DESCRIPTION);
        assertThat(created.createdBy()).isEqualTo(userId(2));
        assertThat(created.createdAt()).isEqualTo(T0);
        assertThat(created.lastMessageId()).isNull();
        assertThat(created.lastMessageAt()).isNull();
        assertThat(created.lastSeq()).isZero();
    }

    @Test
    void aRoomWithoutMessagesWasLastActiveWhenItWasCreated() {
        assertThat(created.lastActivityAt()).isEqualTo(T0);
    }

    @Test
    void aRoomWithMessagesWasLastActiveAtItsLastMessage() {
        Room room = created.withLastMessage(message(ROOM, 30, 1));

        assertThat(room.lastActivityAt()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void theFirstMessageBecomesTheLastMessage() {
        Message first = message(ROOM, 10, 1);

        Room room = created.withLastMessage(first);

        assertThat(room.lastMessageId()).isEqualTo(first.id());
        assertThat(room.lastMessageAt()).isEqualTo(first.createdAt());
        assertThat(room.lastSeq()).isEqualTo(1);
        assertThat(room).usingRecursiveComparison()
                .ignoringFields("lastMessageId", "lastMessageAt", "lastSeq")
                .isEqualTo(created);
    }

    @Test
    void aNewerMessageMovesTheLastMessageForwardEvenAcrossABatch() {
        Room room = created.withLastMessage(message(ROOM, 10, 1)).withLastMessage(message(ROOM, 15, 5));

        assertThat(room.lastSeq()).isEqualTo(5);
        assertThat(room.lastMessageId()).isEqualTo(messageId(15));
    }

    @Test
    void anOlderMessageNeverMovesTheLastMessageBack() {
        Room atFive = created.withLastMessage(message(ROOM, 15, 5));

        Room after = atFive.withLastMessage(message(ROOM, 12, 2));

        assertThat(after).isEqualTo(atFive);
        assertThat(after.lastMessageId()).isEqualTo(messageId(15));
        assertThat(after.lastSeq()).isEqualTo(5);
    }

    @Test
    void aRedeliveryOfTheLastMessageChangesNothing() {
        Room atFive = created.withLastMessage(message(ROOM, 15, 5));

        assertThat(atFive.withLastMessage(message(ROOM, 15, 5))).isEqualTo(atFive);
    }

    @Test
    void aMessageOfAnotherRoomIsRefused() {
        Message elsewhere = message(roomId(99), 10, 1);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> created.withLastMessage(elsewhere))
                .withMessageContaining(elsewhere.id().value())
                .withMessageContaining("another room");
    }

    @Test
    void aRoomWithALastMessageIsValid() {
        Room room = new Room(ROOM, NAME, DESCRIPTION, Visibility.PUBLIC, null, userId(2), T0, messageId(3), T0.plusSeconds(3), 7);

        assertThat(room.lastSeq()).isEqualTo(7);
        assertThat(room.lastActivityAt()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void aNegativeLastSeqIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Room(ROOM, NAME, DESCRIPTION, Visibility.PUBLIC, null, userId(2), T0, null, null, -1))
                .withMessageContaining("lastSeq");
    }

    static Stream<Arguments> inconsistentLastMessages() {
        Instant at = T0.plusSeconds(1);
        MessageId id = messageId(1);
        return Stream.of(
                Arguments.of("id without seq", id, at, 0L),
                Arguments.of("seq without id or time", null, null, 3L),
                Arguments.of("id and seq without time", id, null, 3L),
                Arguments.of("time and seq without id", null, at, 3L),
                Arguments.of("time without id or seq", null, at, 0L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inconsistentLastMessages")
    void aRoomHasALastMessageExactlyWhenItsLastSeqIsPositive(String situation, MessageId id, Instant at, long seq) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Room(ROOM, NAME, DESCRIPTION, Visibility.PUBLIC, null, userId(2), T0, id, at, seq));
    }

    @Test
    void identityNameDescriptionCreatorAndCreationTimeAreRequired() {
        assertThatNullPointerException().isThrownBy(() -> Room.create(null, NAME, DESCRIPTION, userId(2), T0)).withMessage("id");
        assertThatNullPointerException().isThrownBy(() -> Room.create(ROOM, null, DESCRIPTION, userId(2), T0)).withMessage("name");
        assertThatNullPointerException().isThrownBy(() -> Room.create(ROOM, NAME, null, userId(2), T0)).withMessage("description");
        assertThatNullPointerException().isThrownBy(() -> Room.create(ROOM, NAME, DESCRIPTION, null, T0)).withMessage("createdBy");
        assertThatNullPointerException().isThrownBy(() -> Room.create(ROOM, NAME, DESCRIPTION, userId(2), null)).withMessage("createdAt");
    }

    @Test
    void aRoomWithoutADescriptionUsesNone() {
        Room room = Room.create(ROOM, NAME, RoomDescription.of(null), userId(2), T0);

        assertThat(room.description().isEmpty()).isTrue();
    }

    @Test
    void aCreatedRoomIsAPublicGroupUnlessSaidOtherwise() {
        assertThat(created.kind()).isEqualTo(RoomKind.GROUP);
        assertThat(created.visibility()).isEqualTo(Visibility.PUBLIC);
        assertThat(Room.create(ROOM, NAME, DESCRIPTION, Visibility.PRIVATE, userId(2), T0).visibility()).isEqualTo(Visibility.PRIVATE);
    }

    @Test
    void aDirectRoomIsPrivateAndCannotBeMadePublic() {
        DirectPair pair = DirectPair.of(userId(2), userId(3));
        Room direct = Room.direct(ROOM, pair, userId(2), T0);

        assertThat(direct.kind()).isEqualTo(RoomKind.DIRECT);
        assertThat(direct.visibility()).isEqualTo(Visibility.PRIVATE);
        assertThat(direct.direct()).isEqualTo(pair);
        assertThatIllegalArgumentException().isThrownBy(
                () -> new Room(ROOM, NAME, DESCRIPTION, Visibility.PUBLIC, pair, userId(2), T0, null, null, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> Room.direct(ROOM, pair, userId(4), T0));
        assertThat(catchThrowable(() -> direct.with(new RoomChanges(NAME, null, null))))
                .isInstanceOfSatisfying(RoomRuleViolation.class, v -> assertThat(v.rule()).isEqualTo(RoomRule.DIRECT_ROOM));
    }

    @Test
    void changingTheDetailsKeepsIdentityAndMessages() {
        Room busy = new Room(ROOM, NAME, DESCRIPTION, Visibility.PUBLIC, null, userId(2), T0, messageId(3), T0.plusSeconds(3), 7);

        Room changed = busy.with(new RoomChanges(RoomName.of("Renamed"), RoomDescription.NONE, Visibility.PRIVATE));

        assertThat(changed.name().value()).isEqualTo("Renamed");
        assertThat(changed.description().isEmpty()).isTrue();
        assertThat(changed.visibility()).isEqualTo(Visibility.PRIVATE);
        assertThat(changed.id()).isEqualTo(ROOM);
        assertThat(changed.createdBy()).isEqualTo(userId(2));
        assertThat(changed.lastSeq()).isEqualTo(7);
        assertThat(changed.lastMessageId()).isEqualTo(messageId(3));
    }

    @Test
    void whatAChangeLeavesOutStaysAsItWas() {
        Room changed = created.with(new RoomChanges(null, null, Visibility.PRIVATE));

        assertThat(changed.name()).isEqualTo(NAME);
        assertThat(changed.description()).isEqualTo(DESCRIPTION);
        assertThat(changed.visibility()).isEqualTo(Visibility.PRIVATE);
        assertThat(created.with(new RoomChanges(null, null, null))).isEqualTo(created);
        assertThat(new RoomChanges(null, null, null).isEmpty()).isTrue();
    }
}
