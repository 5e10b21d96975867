package parley.application.port.out;

import parley.domain.room.Membership;
import parley.domain.room.ReadPosition;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Who is in which room, and how far each member has read. */
public interface MembershipStore {

    /** Adds the membership unless one exists; returns the stored one either way (joining twice is harmless). */
    Mono<Membership> join(Membership membership);

    /** Removes the membership; true if there was one. */
    Mono<Boolean> leave(RoomId roomId, UserId userId);

    Mono<Membership> find(RoomId roomId, UserId userId);

    /** At most {@code limit} members with a user id above {@code after} (null: from the first), ordered by user id. */
    Flux<Membership> members(RoomId roomId, UserId after, int limit);

    /**
     * Moves the read marker to {@code position} unless it is already at or past its seq,
     * atomically (two concurrent writers can never move it back). Returns the membership as stored
     * afterwards; empty when there is no such membership.
     */
    Mono<Membership> advanceReadMarker(RoomId roomId, UserId userId, ReadPosition position);
}
