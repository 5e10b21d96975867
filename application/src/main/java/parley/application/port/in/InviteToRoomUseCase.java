package parley.application.port.in;

import parley.domain.room.RoomId;
import parley.domain.room.RoomInvitation;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Invitations to a group room (PROTOCOL-1.1 §2): to a PRIVATE room the OWNER or an ADMIN invites, to
 * a PUBLIC one any member. Joining consumes the invitation; for a private room it is the only way in.
 */
public interface InviteToRoomUseCase {

    /**
     * Invites {@code invitee}; inviting again returns the pending invitation. Refused with
     * USER_NOT_FOUND, ALREADY_MEMBER, BANNED, NOT_ALLOWED, DIRECT_ROOM, LIMIT_REACHED (too many pending
     * in the room), and ROOM_NOT_FOUND for a private room the caller is not in.
     */
    Mono<RoomInvitation> invite(RoomId roomId, UserId caller, UserId invitee);

    /**
     * Withdraws the invitation (who may invite) or declines it (the invitee); harmless when none is
     * pending. A private room the caller is neither in nor invited to is ROOM_NOT_FOUND.
     */
    Mono<Void> withdraw(RoomId roomId, UserId caller, UserId invitee);

    /** The caller's pending invitations, newest first, each with the room as the caller may see it (bounded). */
    Flux<PendingInvitation> pending(UserId caller);
}
