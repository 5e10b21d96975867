package parley.application.port.in;

import parley.domain.room.Membership;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

public interface JoinRoomUseCase {

    /** Idempotent: joining a room one is in returns the existing membership. */
    Mono<Membership> join(RoomId roomId, UserId userId);
}
