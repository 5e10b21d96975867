package parley.domain.message;

import java.time.Instant;
import java.util.Objects;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;

/**
 * A persisted message. {@code seq} is its position in the room: 1, 2, 3 … with no gaps,
 * assigned when it is persisted ({@link RoomSequence}).
 */
public record Message(
        MessageId id,
        RoomId roomId,
        UserId senderId,
        ClientMsgId clientMsgId,
        MessageContent content,
        Instant createdAt,
        long seq) {

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(clientMsgId, "clientMsgId");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(createdAt, "createdAt");
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1, got " + seq);
        }
    }
}
