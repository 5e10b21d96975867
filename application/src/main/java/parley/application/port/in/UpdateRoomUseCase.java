package parley.application.port.in;

import parley.application.model.RoomSummary;
import parley.domain.room.RoomChanges;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

public interface UpdateRoomUseCase {

    /**
     * Changes a group room's name, description or visibility; the room's OWNER or an ADMIN only
     * (NOT_ALLOWED), never a direct room (DIRECT_ROOM). Returns the room as the caller sees it.
     */
    Mono<RoomSummary> update(RoomId roomId, UserId caller, RoomChanges changes);
}
