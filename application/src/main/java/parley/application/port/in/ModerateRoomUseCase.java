package parley.application.port.in;

import parley.domain.room.BanReason;
import parley.domain.room.Membership;
import parley.domain.room.Role;
import parley.domain.room.RoomBan;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Roles and moderation in a group room (PROTOCOL-1.1 §2): the rules are the room's
 * ({@link parley.domain.room.RoomPolicy}); refusals are NOT_ALLOWED, MEMBER_NOT_FOUND, DIRECT_ROOM,
 * and for a private room the caller is not in, ROOM_NOT_FOUND.
 */
public interface ModerateRoomUseCase {

    /** Gives {@code target} the role (OWNER only); giving OWNER transfers it and the caller becomes ADMIN. The target's new membership. */
    Mono<Membership> changeRole(RoomId roomId, UserId caller, UserId target, Role role);

    /** Removes a member (the OWNER any, an ADMIN only MEMBERs); their sockets stop receiving the room. */
    Mono<Void> remove(RoomId roomId, UserId caller, UserId target);

    /**
     * Bans a user (a member, or someone not in the room: USER_NOT_FOUND when there is no such user),
     * as removing; they cannot rejoin or be invited until unbanned. Banning twice keeps the first ban.
     */
    Mono<RoomBan> ban(RoomId roomId, UserId caller, UserId target, BanReason reason);

    /** Lifts a ban (OWNER or ADMIN); harmless when there was none. */
    Mono<Void> unban(RoomId roomId, UserId caller, UserId target);

    /** A page of the room's bans ordered by user id (OWNER or ADMIN); {@code limit} as the members pages. */
    Flux<RoomBan> bans(RoomId roomId, UserId caller, UserId after, Integer limit);
}
