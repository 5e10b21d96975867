package parley.application.port.in;

import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

public interface WatchRoomQuery {

    /** Completes empty when the user may receive the room's live messages; NOT_A_MEMBER or ROOM_NOT_FOUND otherwise. */
    Mono<Void> mayWatch(RoomId roomId, UserId userId);
}
