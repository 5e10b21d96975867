package parley.application.model;

import java.util.Objects;
import java.util.Set;
import parley.domain.message.MessageId;
import parley.domain.room.Role;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;

/**
 * Short-lived news about people and rooms, shared between gateways and never stored (fire and forget:
 * the stores hold the truth, a lost signal only means a socket learns it later). A {@link Passing}
 * signal is pushed to the sockets as it is; a {@link News} signal names a room whose current state the
 * receiving gateway reads (as each recipient sees it) before pushing it, and only when it has a socket
 * the news is for, so a signal stays a few ids whatever the room holds.
 */
public sealed interface RoomSignal {

    /** Pushed to this gateway's sockets as it arrives, needing nothing but itself. */
    sealed interface Passing extends RoomSignal {
    }

    /** Pushed with the room's current state, read by the gateway that has sockets to push it to. */
    sealed interface News extends RoomSignal {
        RoomId roomId();
    }

    /** A member is typing in a room. */
    record Typing(RoomId roomId, UserId userId) implements Passing {
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
    record PresenceChanged(UserId userId, boolean online, Set<RoomId> rooms, long version) implements Passing {
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
     * A user is out of a room (left, removed or banned): every gateway stops that user's sockets from
     * watching it, so nothing of the room reaches someone who is no longer a member. Every departure
     * is announced so, also by gateways that announce {@link MemberChanged} beside it: a gateway from
     * before member frames knows only this one.
     */
    record MemberLeft(RoomId roomId, UserId userId) implements Passing {
        public MemberLeft {
            Objects.requireNonNull(roomId, "roomId");
            Objects.requireNonNull(userId, "userId");
        }
    }

    /**
     * A member joined, left, was removed or banned, or has a new role: the room's sockets get a
     * {@code member} frame; on a departure the user's own sockets get {@code removed} and stop
     * watching the room. {@code role} is the member's role afterwards, null after a departure.
     */
    record MemberChanged(RoomId roomId, UserId userId, MemberChange change, Role role) implements Passing {
        public MemberChanged {
            Objects.requireNonNull(roomId, "roomId");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(change, "change");
            if ((role == null) != change.isDeparture()) {
                throw new IllegalArgumentException(change + (role == null ? " needs the member's role" : " leaves no role"));
            }
        }
    }

    /**
     * A member's read marker moved forward: the room's sockets (the member's other devices among them)
     * get a {@code read} frame. Two moves can overtake each other on the way: the higher seq wins.
     */
    record MarkerMoved(RoomId roomId, UserId userId, MessageId lastReadMessageId, long lastReadSeq) implements Passing {
        public MarkerMoved {
            Objects.requireNonNull(roomId, "roomId");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(lastReadMessageId, "lastReadMessageId");
            if (lastReadSeq < 1) {
                throw new IllegalArgumentException("a read marker is on a message, seq 1 or more");
            }
        }
    }

    /**
     * A room's name, description or visibility changed: its sockets get {@code roomUpdated}. The room
     * is read as {@code changedBy} sees it (what the frame holds is the same for every member).
     */
    record RoomChanged(RoomId roomId, UserId changedBy) implements News {
        public RoomChanged {
            Objects.requireNonNull(roomId, "roomId");
            Objects.requireNonNull(changedBy, "changedBy");
        }
    }

    /** A direct room was opened: the peer's sockets get {@code roomUpdated} with the room as they see it. */
    record DirectRoomOpened(RoomId roomId, UserId peer) implements News {
        public DirectRoomOpened {
            Objects.requireNonNull(roomId, "roomId");
            Objects.requireNonNull(peer, "peer");
        }
    }

    /** A user was invited to a room: their sockets get {@code invited} with the room as they see it. */
    record Invited(RoomId roomId, UserId invitee, UserId invitedBy) implements News {
        public Invited {
            Objects.requireNonNull(roomId, "roomId");
            Objects.requireNonNull(invitee, "invitee");
            Objects.requireNonNull(invitedBy, "invitedBy");
        }
    }
}
