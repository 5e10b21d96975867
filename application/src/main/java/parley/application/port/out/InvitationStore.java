package parley.application.port.out;

import parley.domain.room.RoomId;
import parley.domain.room.RoomInvitation;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Pending invitations to rooms, one per (room, user). */
public interface InvitationStore {

    /** Stores the invitation unless one of that room and user is pending; returns the pending one either way. */
    Mono<RoomInvitation> invite(RoomInvitation invitation);

    Mono<RoomInvitation> find(RoomId roomId, UserId userId);

    /** Deletes the invitation (withdrawn, declined or consumed by a join); true if there was one. */
    Mono<Boolean> remove(RoomId roomId, UserId userId);

    /** How many invitations of the room are pending (bounded by a cap per room). */
    Mono<Long> pendingIn(RoomId roomId);

    /** The user's pending invitations, newest first, at most {@code limit}. */
    Flux<RoomInvitation> pendingFor(UserId userId, int limit);
}
