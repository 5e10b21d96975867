package parley.application.port.in;

import parley.domain.message.Message;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Flux;

public interface CatchUpQuery {

    /**
     * Every persisted message of the room with a seq above {@code lastSeenSeq}, in seq order,
     * however many there are (read in pages); members only.
     */
    Flux<Message> messagesAfter(RoomId roomId, UserId caller, long lastSeenSeq);
}
