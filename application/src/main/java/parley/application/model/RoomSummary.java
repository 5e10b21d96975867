package parley.application.model;

import java.util.Objects;
import parley.domain.room.Role;
import parley.domain.room.Room;

/**
 * A room with its member count and the caller's unread count: messages after the caller's read
 * marker that others sent (one's own messages are never unread), and the caller's role in it
 * (null when the caller is not a member); for a direct room, the other user ({@code peer}, null for
 * a group room).
 */
public record RoomSummary(Room room, long memberCount, long unreadCount, Role myRole, DirectPeer peer) {

    public RoomSummary {
        Objects.requireNonNull(room, "room");
    }

    /** A group room's summary: no peer. */
    public RoomSummary(Room room, long memberCount, long unreadCount, Role myRole) {
        this(room, memberCount, unreadCount, myRole, null);
    }

    public RoomSummary withPeer(DirectPeer directPeer) {
        return new RoomSummary(room, memberCount, unreadCount, myRole, directPeer);
    }
}
