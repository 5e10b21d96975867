package parley.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import parley.domain.room.Role;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;

/** PROTOCOL-1.1 §3: who edits, deletes, reacts to and replies to a message. */
class MessagePolicyTest {

    private static final RoomId ROOM = RoomId.of("01J9ZQ4ZK3M7Y8A1B2C3D4E5F6");
    private static final RoomId OTHER_ROOM = RoomId.of("01J9ZQ60000000000000000000");
    private static final UserId SENDER = UserId.of("01J9ZQ50000000000000000000");
    private static final UserId SOMEONE = UserId.of("01J9ZQ70000000000000000000");

    private static MessagePolicy.Target text(String content) {
        return new MessagePolicy.Target(ROOM, SENDER, MessageContent.text(content), false);
    }

    private static MessagePolicy.Target deleted() {
        return new MessagePolicy.Target(ROOM, SENDER, MessageContent.text("gone"), true);
    }

    private static void refused(Runnable change, MessageRule rule) {
        assertThatThrownBy(change::run).isInstanceOfSatisfying(MessageRuleViolation.class, v -> assertThat(v.rule()).isEqualTo(rule));
    }

    @Test
    void theSenderEditsTheirTextAndTheSameTextChangesNothing() {
        assertThat(MessagePolicy.edit(ROOM, text("hello"), SENDER, MessageContent.text("hello, all"))).isTrue();
        assertThat(MessagePolicy.edit(ROOM, text("hello"), SENDER, MessageContent.text("hello"))).as("a no-op").isFalse();
    }

    @Test
    void nobodyElseEditsAndNothingButTextIsEdited() {
        refused(() -> MessagePolicy.edit(ROOM, text("hello"), SOMEONE, MessageContent.text("mine now")), MessageRule.NOT_ALLOWED);
        MessagePolicy.Target image = new MessagePolicy.Target(ROOM, SENDER, MessageContent.image("https://example.com/a.png"), false);
        refused(() -> MessagePolicy.edit(ROOM, image, SENDER, MessageContent.text("a caption")), MessageRule.NOT_ALLOWED);
        refused(() -> MessagePolicy.edit(ROOM, text("hello"), SENDER, MessageContent.image("https://example.com/a.png")), MessageRule.NOT_ALLOWED);
    }

    @Test
    void aDeletedMessageIsNotEditedReactedToOrRepliedTo() {
        refused(() -> MessagePolicy.edit(ROOM, deleted(), SENDER, MessageContent.text("back")), MessageRule.DELETED);
        refused(() -> MessagePolicy.react(ROOM, deleted()), MessageRule.DELETED);
        refused(() -> MessagePolicy.replyTo(ROOM, deleted()), MessageRule.DELETED);
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"OWNER", "ADMIN"})
    void theSenderAndTheRoomsModeratorsDelete(Role moderator) {
        assertThat(MessagePolicy.delete(ROOM, text("oops"), SENDER, Role.MEMBER)).isTrue();
        assertThat(MessagePolicy.delete(ROOM, text("spam"), SOMEONE, moderator)).isTrue();
    }

    @Test
    void aMemberDoesNotDeleteAnothersMessageAndDeletingTwiceChangesNothing() {
        refused(() -> MessagePolicy.delete(ROOM, text("mine"), SOMEONE, Role.MEMBER), MessageRule.NOT_ALLOWED);
        assertThat(MessagePolicy.delete(ROOM, deleted(), SENDER, Role.MEMBER)).isFalse();
    }

    @Test
    void aMessageOfAnotherRoomIsNoMessageOfThisOne() {
        MessagePolicy.Target elsewhere = new MessagePolicy.Target(OTHER_ROOM, SENDER, MessageContent.text("there"), false);

        refused(() -> MessagePolicy.edit(ROOM, elsewhere, SENDER, MessageContent.text("here")), MessageRule.ELSEWHERE);
        refused(() -> MessagePolicy.delete(ROOM, elsewhere, SENDER, Role.OWNER), MessageRule.ELSEWHERE);
        refused(() -> MessagePolicy.react(ROOM, elsewhere), MessageRule.ELSEWHERE);
        refused(() -> MessagePolicy.replyTo(ROOM, elsewhere), MessageRule.ELSEWHERE);
    }

    @Test
    void aReplyAndAReactionNeedOnlyALiveMessageOfTheRoom() {
        MessagePolicy.replyTo(ROOM, text("question?"));
        MessagePolicy.react(ROOM, text("nice"));
    }
}
