package parley.application.port.in;

import parley.application.model.HistoryPage;
import parley.domain.message.Message;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;

public interface GetRoomHistoryQuery {

    /** A page of history in ascending id order; members only. */
    Flux<Message> history(RoomId roomId, UserId caller, HistoryPage page);
}
