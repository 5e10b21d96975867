package parley.application.port.out;

import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

/**
 * A fast answer to "is this user a member of this room?" in front of the store. It may be
 * unavailable; callers then ask the store. Joining and leaving invalidate it at once.
 */
public interface MembershipCache {

    /** The cached answer, or empty when unknown. */
    Mono<Boolean> isMember(RoomId roomId, UserId userId);

    Mono<Void> remember(RoomId roomId, UserId userId, boolean member);

    Mono<Void> forget(RoomId roomId, UserId userId);
}
