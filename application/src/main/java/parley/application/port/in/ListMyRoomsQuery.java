package parley.application.port.in;

import parley.application.model.RoomSummary;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;

public interface ListMyRoomsQuery {

    /** The caller's rooms, newest activity first, with member and unread counts. */
    Flux<RoomSummary> myRooms(UserId userId);
}
