package parley.application.port.in;

import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

public interface SignalTypingUseCase {

    /** Tells the room's members, on every gateway, that the caller is typing; members only; not stored. */
    Mono<Void> typing(RoomId roomId, UserId userId);
}
