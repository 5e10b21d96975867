package parley.domain.room;

import java.time.Instant;
import java.util.Objects;
import parley.domain.message.Message;
import parley.domain.message.MessageId;
import parley.domain.user.UserId;

/**
 * A chat room: a group room, public or private, or the direct room of two users (always private),
 * which is the one room of its {@code direct} pair (null for a group room).
 * {@code lastSeq} is the seq of its newest persisted message (0 when it has none);
 * {@code lastMessageId}/{@code lastMessageAt} describe that message and only ever move forward.
 */
public record Room(
        RoomId id,
        RoomName name,
        RoomDescription description,
        Visibility visibility,
        DirectPair direct,
        UserId createdBy,
        Instant createdAt,
        MessageId lastMessageId,
        Instant lastMessageAt,
        long lastSeq) {

    public Room {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(visibility, "visibility");
        if (direct != null && visibility != Visibility.PRIVATE) {
            throw new IllegalArgumentException("a direct room is private");
        }
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        if (lastSeq < 0) {
            throw new IllegalArgumentException("lastSeq must not be negative");
        }
        if ((lastMessageId == null) != (lastSeq == 0) || (lastMessageId == null) != (lastMessageAt == null)) {
            throw new IllegalArgumentException("a room has a last message exactly when lastSeq > 0");
        }
    }

    /** A public group room as created: no messages yet. */
    public static Room create(RoomId id, RoomName name, RoomDescription description, UserId createdBy, Instant now) {
        return create(id, name, description, Visibility.PUBLIC, createdBy, now);
    }

    /** A group room as created: no messages yet. */
    public static Room create(RoomId id, RoomName name, RoomDescription description, Visibility visibility,
            UserId createdBy, Instant now) {
        return new Room(id, name, description, visibility, null, createdBy, now, null, null, 0);
    }

    /**
     * The direct room of {@code pair}, as created by one of the two. Its stored name is only a label:
     * each of the two sees the other's display name.
     */
    public static Room direct(RoomId id, DirectPair pair, UserId createdBy, Instant now) {
        Objects.requireNonNull(pair, "direct");
        if (!pair.contains(createdBy)) {
            throw new IllegalArgumentException("a direct room is created by one of its two users");
        }
        return new Room(id, DIRECT_LABEL, RoomDescription.NONE, Visibility.PRIVATE, pair, createdBy, now, null, null, 0);
    }

    /** The stored name of every direct room. */
    public static final RoomName DIRECT_LABEL = RoomName.of("direct");

    public RoomKind kind() {
        return direct == null ? RoomKind.GROUP : RoomKind.DIRECT;
    }

    /** The room with {@code changes} applied (what PATCH does); identity and messages stay. */
    public Room with(RoomChanges changes) {
        if (direct != null) {
            throw new RoomRuleViolation(RoomRule.DIRECT_ROOM, "a direct room cannot be changed");
        }
        return new Room(id,
                changes.name() != null ? changes.name() : name,
                changes.description() != null ? changes.description() : description,
                changes.visibility() != null ? changes.visibility() : visibility,
                direct, createdBy, createdAt, lastMessageId, lastMessageAt, lastSeq);
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
        return new Room(id, name, description, visibility, direct, createdBy, createdAt, message.id(), message.createdAt(), message.seq());
    }
}
