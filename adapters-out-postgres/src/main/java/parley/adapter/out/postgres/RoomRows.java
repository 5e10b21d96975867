package parley.adapter.out.postgres;

import static parley.adapter.out.postgres.SqlValues.instant;
import static parley.adapter.out.postgres.SqlValues.longValue;
import static parley.adapter.out.postgres.SqlValues.string;

import io.r2dbc.spi.Readable;
import parley.application.model.DirectPeer;
import parley.application.model.RoomSummary;
import parley.domain.message.MessageId;
import parley.domain.room.DirectPair;
import parley.domain.room.Role;
import parley.domain.room.Room;
import parley.domain.room.RoomDescription;
import parley.domain.room.RoomId;
import parley.domain.room.RoomName;
import parley.domain.room.Visibility;
import parley.domain.user.DisplayName;
import parley.domain.user.UserId;

/** Reads {@code rooms} rows (optionally with their figures) into {@link Room}s and {@link RoomSummary}s. */
final class RoomRows {

    /** The columns of {@code rooms}, qualified with the alias {@code r}. */
    static final String COLUMNS =
            "r.id, r.name, r.description, r.visibility, r.direct_first, r.direct_second, r.created_by, r.created_at,"
            + " r.last_message_id, r.last_message_at, r.last_seq";

    private RoomRows() {
    }

    static Room room(Readable row) {
        String lastMessageId = string(row, "last_message_id");
        String directFirst = string(row, "direct_first");
        return new Room(
                new RoomId(string(row, "id")),
                new RoomName(string(row, "name")),
                RoomDescription.of(string(row, "description")),
                Visibility.valueOf(string(row, "visibility")),
                directFirst == null ? null : new DirectPair(new UserId(directFirst), new UserId(string(row, "direct_second"))),
                new UserId(string(row, "created_by")),
                instant(row, "created_at"),
                lastMessageId == null ? null : new MessageId(lastMessageId),
                instant(row, "last_message_at"),
                longValue(row, "last_seq"));
    }

    /**
     * A room row that also has {@code member_count}, {@code unread_count}, {@code my_role} (null: not
     * a member), {@code peer_id} and {@code peer_name} (null: not a direct room of the viewer's) columns.
     */
    static RoomSummary summary(Readable row) {
        String myRole = string(row, "my_role");
        String peerId = string(row, "peer_id");
        return new RoomSummary(room(row), longValue(row, "member_count"), longValue(row, "unread_count"),
                myRole == null ? null : Role.valueOf(myRole),
                peerId == null ? null : new DirectPeer(new UserId(peerId), new DisplayName(string(row, "peer_name"))));
    }
}
