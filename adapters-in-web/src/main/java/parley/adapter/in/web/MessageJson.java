package parley.adapter.in.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import parley.domain.message.Message;

/**
 * A stored message as clients see it, in REST history and in the WebSocket's {@code newMessage}
 * frames alike: one mapping, so the two can never drift apart.
 */
@Schema(name = "Message")
public record MessageJson(
        String id,
        String roomId,
        String senderId,
        @Schema(format = "uuid", description = "The sender's own id for the message (deduplication key)") String clientMsgId,
        @Schema(allowableValues = {"TEXT", "IMAGE"}) String type,
        @Schema(description = "TEXT: 1..5000 characters; IMAGE: an absolute https:// URL") String content,
        Instant createdAt,
        @Schema(description = "Position in the room: 1, 2, 3 … without gaps", example = "1") long seq) {

    public static MessageJson from(Message message) {
        return new MessageJson(
                message.id().value(),
                message.roomId().value(),
                message.senderId().value(),
                message.clientMsgId().value().toString(),
                message.content().type().name(),
                message.content().value(),
                message.createdAt(),
                message.seq());
    }
}
