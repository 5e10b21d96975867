package parley.application.model;

import java.util.Objects;
import parley.domain.room.Room;

/**
 * A room with its member count and the caller's unread count: messages after the caller's read
 * marker that others sent (one's own messages are never unread).
 */
public record RoomSummary(Room room, long memberCount, long unreadCount) {

    public RoomSummary {
        Objects.requireNonNull(room, "room");
    }
}
