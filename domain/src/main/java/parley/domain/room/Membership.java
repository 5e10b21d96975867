package parley.domain.room;

import java.time.Instant;
import java.util.Objects;
import parley.domain.message.MessageId;
import parley.domain.user.UserId;

/**
 * A user's place in a room, with the read marker: how far the user has read. The marker only
 * moves forward (by seq), so a stale client (an older tab, a late request) can never make read
 * messages unread again.
 *
 * @param lastRead null until the member marks something read
 */
public record Membership(RoomId roomId, UserId userId, Role role, Instant joinedAt, ReadPosition lastRead) {

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

    /** The same membership with another role; the join time and the read marker stay. */
    public Membership withRole(Role newRole) {
        return new Membership(roomId, userId, newRole, joinedAt, lastRead);
    }

    /** The membership with its marker at {@code position}, unless the marker is already at or past it. */
    public Membership markRead(ReadPosition position) {
        Objects.requireNonNull(position, "position");
        return new Membership(roomId, userId, role, joinedAt, ReadMarker.later(lastRead, position));
    }

    /** The last message read; null when nothing is. */
    public MessageId lastReadMessageId() {
        return lastRead == null ? null : lastRead.messageId();
    }

    /** The seq read up to; 0 when nothing is. */
    public long lastReadSeq() {
        return lastRead == null ? 0 : lastRead.seq();
    }
}
