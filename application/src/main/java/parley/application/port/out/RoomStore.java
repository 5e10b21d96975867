package parley.application.port.out;

import parley.application.model.RoomSummary;
import parley.domain.room.DirectPair;
import parley.domain.room.Membership;
import parley.domain.room.Room;
import parley.domain.room.RoomChanges;
import parley.domain.room.RoomId;
import parley.domain.room.RoomKind;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where rooms are kept, with the per-room figures the room list shows. */
public interface RoomStore {

    /** The most a summary's unread count counts: beyond it, it reads this (clients show "many"). */
    int UNREAD_CAP = 1000;

    /** Stores a new room and its owner's membership together (both or neither). */
    Mono<Room> insert(Room room, Membership owner);

    Mono<Room> findById(RoomId id);

    /**
     * Stores the direct room of {@code room.direct()} and both users' memberships together, unless
     * that pair has a room already (a unique key decides, so two concurrent creations make one
     * room): then empty, and nothing is stored.
     */
    Mono<Room> insertDirect(Room room, Membership first, Membership second);

    /** The direct room of {@code pair}, if it has one. */
    Mono<Room> findDirect(DirectPair pair);

    /**
     * Applies {@code changes} to a group room in one statement (concurrent changes of different
     * parts both hold) and returns the room as stored; empty when there is no such group room.
     */
    Mono<Room> update(RoomId id, RoomChanges changes);

    /** The rooms {@code userId} is a member of, newest activity first. */
    Flux<RoomSummary> findRoomsOf(UserId userId);

    /** How many rooms of this kind {@code userId} created after {@code since}, and when the first of them was (null: none). */
    Mono<Creations> createdSince(UserId userId, RoomKind kind, java.time.Instant since);

    /** Rooms a user created within a window. */
    record Creations(long count, java.time.Instant first) {
    }

    /** Only the ids of the rooms {@code userId} is a member of, in no particular order: no figures computed. */
    Flux<RoomId> findRoomIdsOf(UserId userId);

    /** One room with its figures as seen by {@code userId} (a direct room with its peer when the viewer is one of the two). */
    Mono<RoomSummary> summary(RoomId roomId, UserId userId);

    /** Rooms {@code userId} is not a member of whose name contains {@code query} (case-insensitive; blank: all), newest activity first. */
    Flux<RoomSummary> discover(UserId userId, String query, int limit);
}
