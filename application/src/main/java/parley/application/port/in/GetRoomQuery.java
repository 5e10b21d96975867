package parley.application.port.in;

import parley.application.model.RoomSummary;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

public interface GetRoomQuery {

    /** ROOM_NOT_FOUND for an unknown room, NOT_A_MEMBER for a room the caller is not in. */
    Mono<RoomSummary> room(RoomId roomId, UserId userId);
}
