package parley.application.port.in;

import parley.domain.message.MessageId;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;
import reactor.core.publisher.Mono;

public interface MarkReadUseCase {

    /** Moves the caller's read marker forward to {@code messageId}; an older id changes nothing. */
    Mono<Void> markRead(RoomId roomId, UserId caller, MessageId messageId);
}
