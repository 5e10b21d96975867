package parley.application.port.out;

import java.util.Objects;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;

/** Short-lived news about people in rooms, shared between gateways and never stored. */
public sealed interface RoomSignal {

    /** A member is typing in a room. */
    record Typing(RoomId roomId, UserId userId) implements RoomSignal {
        public Typing {
            Objects.requireNonNull(roomId, "roomId");
            Objects.requireNonNull(userId, "userId");
        }
    }

    /** A user came online or went offline (concerns every room the user is in). */
    record PresenceChanged(UserId userId, boolean online) implements RoomSignal {
        public PresenceChanged {
            Objects.requireNonNull(userId, "userId");
        }
    }
}
