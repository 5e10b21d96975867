package parley.domain.message;

import java.time.Instant;
import java.util.Objects;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;

/**
 * Domain event: the gateway accepted a message and the broker holds it durably. It has an id
 * but no seq yet; the worker gives it one when it persists it.
 */
public record MessageAccepted(
        MessageId messageId,
        RoomId roomId,
        UserId senderId,
        ClientMsgId clientMsgId,
        MessageContent content,
        Instant acceptedAt) {

    public MessageAccepted {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(clientMsgId, "clientMsgId");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
    }

    /** The message this becomes at position {@code seq}; it keeps the acceptance time as its creation time. */
    public Message toMessage(long seq) {
        return new Message(messageId, roomId, senderId, clientMsgId, content, acceptedAt, seq);
    }
}
