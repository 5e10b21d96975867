package parley.application.port.in;

import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

public interface LeaveRoomUseCase {

    /** Idempotent for existing rooms; ROOM_NOT_FOUND for unknown ones. */
    Mono<Void> leave(RoomId roomId, UserId userId);
}
