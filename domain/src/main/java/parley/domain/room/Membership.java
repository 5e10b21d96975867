package parley.domain.room;

import java.time.Instant;
import java.util.Objects;
import parley.domain.message.MessageId;
import parley.domain.user.UserId;

/**
 * A user's place in a room, with the read marker: the newest message the user has read.
 * The marker only moves forward, so a stale client (an older tab, a late request) can never
 * make read messages unread again.
 */
public record Membership(RoomId roomId, UserId userId, Role role, Instant joinedAt, MessageId lastReadMessageId) {

    public Membership {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(joinedAt, "joinedAt");
    }

    public static Membership owner(RoomId roomId, UserId userId, Instant now) {
        return new Membership(roomId, userId, Role.OWNER, now, null);
    }

    public static Membership member(RoomId roomId, UserId userId, Instant now) {
        return new Membership(roomId, userId, Role.MEMBER, now, null);
    }

    /** The membership with its marker at {@code messageId}, unless the marker is already at or past it. */
    public Membership markRead(MessageId messageId) {
        Objects.requireNonNull(messageId, "messageId");
        return new Membership(roomId, userId, role, joinedAt, ReadMarker.later(lastReadMessageId, messageId));
    }
}
