package parley.application.port.in;

import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

public interface ListRoomMembersQuery {

    /**
     * A page of members with their presence, ordered by user id, after {@code after} (null: from
     * the first) and at most {@code limit} (null: the default page); only for members of the room.
     */
    Mono<MembersPage> members(RoomId roomId, UserId caller, UserId after, Integer limit);
}
