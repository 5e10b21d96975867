package parley.application.port.in;

import java.util.Objects;
import parley.domain.message.ClientMsgId;
import parley.domain.message.MessageContent;
import parley.domain.message.MessageType;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;

public record SendMessageCommand(RoomId roomId, UserId senderId, ClientMsgId clientMsgId, MessageContent content) {

    public SendMessageCommand {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(clientMsgId, "clientMsgId");
        Objects.requireNonNull(content, "content");
    }

    /** From raw frame fields; a missing message type means TEXT. */
    public static SendMessageCommand of(String roomId, UserId senderId, String clientMsgId, String messageType, String content) {
        return new SendMessageCommand(
                RoomId.of(roomId),
                senderId,
                ClientMsgId.parse(clientMsgId),
                new MessageContent(MessageType.parse(messageType), content));
    }
}
