package parley.application.port.in;

import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;

public interface ListRoomMembersQuery {

    /** Members with their presence; only for members of the room. */
    Flux<RoomMember> members(RoomId roomId, UserId caller);
}
