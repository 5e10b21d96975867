package parley.domain.room;

import java.time.Instant;
import java.util.Objects;
import parley.domain.message.Message;
import parley.domain.message.MessageId;
import parley.domain.user.UserId;

/**
 * A chat room. {@code lastSeq} is the seq of its newest persisted message (0 when it has none);
 * {@code lastMessageId}/{@code lastMessageAt} describe that message and only ever move forward.
 */
public record Room(
        RoomId id,
        RoomName name,
        RoomDescription description,
        UserId createdBy,
        Instant createdAt,
        MessageId lastMessageId,
        Instant lastMessageAt,
        long lastSeq) {

    public Room {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        if (lastSeq < 0) {
            throw new IllegalArgumentException("lastSeq must not be negative");
        }
        if ((lastMessageId == null) != (lastSeq == 0) || (lastMessageId == null) != (lastMessageAt == null)) {
            throw new IllegalArgumentException("a room has a last message exactly when lastSeq > 0");
        }
    }

    /** A room as created: no messages yet. */
    public static Room create(RoomId id, RoomName name, RoomDescription description, UserId createdBy, Instant now) {
        return new Room(id, name, description, createdBy, now, null, null, 0);
    }

    /** The instant that orders "newest activity first": the last message, else the creation. */
    public Instant lastActivityAt() {
        return lastMessageAt != null ? lastMessageAt : createdAt;
    }

    /** The room after {@code message} was persisted; an older message never moves it back. */
    public Room withLastMessage(Message message) {
        if (!message.roomId().equals(id)) {
            throw new IllegalArgumentException("message " + message.id() + " belongs to another room");
        }
        if (message.seq() <= lastSeq) {
            return this;
        }
        return new Room(id, name, description, createdBy, createdAt, message.id(), message.createdAt(), message.seq());
    }
}
