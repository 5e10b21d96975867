package parley.application.port.out;

import java.util.Objects;
import java.util.Set;
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

    /**
     * A user came online or went offline. It concerns the rooms the user is in, which travel with
     * the signal so that a gateway can tell which of its sockets to inform without a query.
     */
    record PresenceChanged(UserId userId, boolean online, Set<RoomId> rooms) implements RoomSignal {
        public PresenceChanged {
            Objects.requireNonNull(userId, "userId");
            rooms = Set.copyOf(rooms);
        }
    }

    /**
     * A user left a room: every gateway stops that user's sockets from watching it, so nothing of
     * the room reaches someone who is no longer a member.
     */
    record MemberLeft(RoomId roomId, UserId userId) implements RoomSignal {
        public MemberLeft {
            Objects.requireNonNull(roomId, "roomId");
            Objects.requireNonNull(userId, "userId");
        }
    }
}
