package parley.domain.message;

import java.util.Objects;
import parley.domain.room.Role;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;

/**
 * Who may change a message, and how (PROTOCOL-1.1 §3): only its sender edits it, only a TEXT one,
 * never once deleted; its sender or the room's OWNER or an ADMIN deletes it (deleting it again changes
 * nothing); reactions and replies need a message that is not deleted, in the same room. The rules see
 * the facts of the message a change names, as stored when the change is checked.
 */
public final class MessagePolicy {

    /** What the rules need to know of the message a change names. */
    public record Target(RoomId roomId, UserId senderId, MessageContent content, boolean deleted) {
        public Target {
            Objects.requireNonNull(roomId, "roomId");
            Objects.requireNonNull(senderId, "senderId");
            Objects.requireNonNull(content, "content");
        }
    }

    private MessagePolicy() {
    }

    /**
     * An edit of {@code target} in {@code roomId} by {@code editor} to {@code replacement}. Returns
     * false when it would change nothing (the same content): a no-op takes no revision.
     */
    public static boolean edit(RoomId roomId, Target target, UserId editor, MessageContent replacement) {
        requireIn(roomId, target);
        if (!target.senderId().equals(editor)) {
            throw new MessageRuleViolation(MessageRule.NOT_ALLOWED, "only its sender can edit a message");
        }
        if (target.content().type() != MessageType.TEXT || replacement.type() != MessageType.TEXT) {
            throw new MessageRuleViolation(MessageRule.NOT_ALLOWED, "only text messages can be edited, and only into text");
        }
        requireNotDeleted(target, "edited");
        return !target.content().equals(replacement);
    }

    /**
     * A delete of {@code target} by {@code deleter}, whose role in the room is {@code deleterRole}.
     * Returns false when the message is deleted already (nothing changes).
     */
    public static boolean delete(RoomId roomId, Target target, UserId deleter, Role deleterRole) {
        requireIn(roomId, target);
        boolean moderator = deleterRole == Role.OWNER || deleterRole == Role.ADMIN;
        if (!target.senderId().equals(deleter) && !moderator) {
            throw new MessageRuleViolation(MessageRule.NOT_ALLOWED, "only its sender, the room's owner or an admin can delete a message");
        }
        return !target.deleted();
    }

    /** A reaction added to or taken from {@code target} (the count of distinct emoji is {@link Reactions}'s rule). */
    public static void react(RoomId roomId, Target target) {
        requireIn(roomId, target);
        requireNotDeleted(target, "reacted to");
    }

    /** A new message in {@code roomId} replying to {@code target}. */
    public static void replyTo(RoomId roomId, Target target) {
        requireIn(roomId, target);
        requireNotDeleted(target, "replied to");
    }

    private static void requireIn(RoomId roomId, Target target) {
        if (!target.roomId().equals(roomId)) {
            throw new MessageRuleViolation(MessageRule.ELSEWHERE, "no such message in this room");
        }
    }

    private static void requireNotDeleted(Target target, String what) {
        if (target.deleted()) {
            throw new MessageRuleViolation(MessageRule.DELETED, "a deleted message cannot be " + what);
        }
    }
}
