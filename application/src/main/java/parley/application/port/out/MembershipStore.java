package parley.application.port.out;

import java.util.List;
import parley.domain.room.Membership;
import parley.domain.room.ReadPosition;
import parley.domain.room.RoomBan;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Who is in which room (and who is banned from it), with their roles, and how far each member has read. */
public interface MembershipStore {

    /** Adds the membership unless one exists; returns the stored one either way (joining twice is harmless). */
    Mono<Membership> join(Membership membership);

    /** Removes the membership; true if there was one. */
    Mono<Boolean> leave(RoomId roomId, UserId userId);

    /**
     * Removes the membership and, in the same transaction, gives {@code successor} its (new) role:
     * an owner leaving hands the room on, so it is never left without one. True if there was a
     * membership to remove.
     */
    Mono<Boolean> leaveHandingOver(RoomId roomId, UserId userId, Membership successor);

    /**
     * Stores the roles of {@code changed} (memberships of one room) together, all or none: an
     * ownership transfer never leaves two owners or none. False, with nothing changed, when one of
     * the memberships is gone.
     */
    Mono<Boolean> updateRoles(List<Membership> changed);

    /** The longest-standing ADMIN and the longest-standing MEMBER of the room other than {@code excluding}: 0 to 2. */
    Flux<Membership> seniors(RoomId roomId, UserId excluding);

    /**
     * Bans a user: stores the ban (a second ban keeps the first), then removes the user's membership
     * and invitation. The ban is stored first and a join re-checks it after inserting, so a join
     * racing a ban never leaves a banned member behind.
     */
    Mono<Void> ban(RoomBan ban);

    /** Lifts a ban; true if there was one. */
    Mono<Boolean> unban(RoomId roomId, UserId userId);

    Mono<Boolean> isBanned(RoomId roomId, UserId userId);

    /** At most {@code limit} bans with a user id above {@code after} (null: from the first), ordered by user id. */
    Flux<RoomBan> bans(RoomId roomId, UserId after, int limit);

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
