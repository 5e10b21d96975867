package parley.adapter.out.postgres;

import static parley.adapter.out.postgres.SqlValues.instant;
import static parley.adapter.out.postgres.SqlValues.longValue;
import static parley.adapter.out.postgres.SqlValues.string;

import io.r2dbc.spi.Readable;
import java.util.UUID;
import parley.domain.message.ClientMsgId;
import parley.domain.message.Message;
import parley.domain.message.MessageContent;
import parley.domain.message.MessageId;
import parley.domain.message.MessageType;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;

/** Reads {@code messages} rows into {@link Message}s. */
final class MessageRows {

    /** The columns of {@code messages}, qualified with the alias {@code m}. */
    static final String COLUMNS = "m.id, m.room_id, m.sender_id, m.client_msg_id, m.type, m.content, m.created_at, m.seq";

    private MessageRows() {
    }

    static Message message(Readable row) {
        return new Message(
                new MessageId(string(row, "id")),
                new RoomId(string(row, "room_id")),
                new UserId(string(row, "sender_id")),
                new ClientMsgId(row.get("client_msg_id", UUID.class)),
                new MessageContent(MessageType.valueOf(string(row, "type")), string(row, "content")),
                instant(row, "created_at"),
                longValue(row, "seq"));
    }
}
