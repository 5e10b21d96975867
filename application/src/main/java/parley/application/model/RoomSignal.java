package parley.application.model;

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
     * {@code version} grows with each of the user's transitions (0: unknown): two announcements can
     * overtake each other on their way, and the one with the lower version is then stale.
     */
    record PresenceChanged(UserId userId, boolean online, Set<RoomId> rooms, long version) implements RoomSignal {
        public PresenceChanged {
            Objects.requireNonNull(userId, "userId");
            rooms = Set.copyOf(rooms);
            if (version < 0) {
                throw new IllegalArgumentException("version must not be negative");
            }
        }

        /** A change without a version (from a gateway that did not version them). */
        public PresenceChanged(UserId userId, boolean online, Set<RoomId> rooms) {
            this(userId, online, rooms, 0);
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
