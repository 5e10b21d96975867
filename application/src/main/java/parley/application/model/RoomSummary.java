package parley.application.model;

import java.util.Objects;
import parley.domain.room.Role;
import parley.domain.room.Room;

/**
 * A room with its member count and the caller's unread count: messages after the caller's read
 * marker that others sent (one's own messages are never unread), and the caller's role in it
 * (null when the caller is not a member).
 */
public record RoomSummary(Room room, long memberCount, long unreadCount, Role myRole) {

    public RoomSummary {
        Objects.requireNonNull(room, "room");
    }
}
