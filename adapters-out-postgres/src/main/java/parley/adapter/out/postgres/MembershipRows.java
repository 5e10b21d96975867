package parley.adapter.out.postgres;

import static parley.adapter.out.postgres.SqlValues.bindNullable;
import static parley.adapter.out.postgres.SqlValues.instant;
import static parley.adapter.out.postgres.SqlValues.string;
import static parley.adapter.out.postgres.SqlValues.timestamp;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import parley.domain.message.MessageId;
import parley.domain.room.Membership;
import parley.domain.room.ReadPosition;
import parley.domain.room.Role;
import parley.domain.room.RoomId;
import parley.domain.user.UserId;

/** Writes {@link Membership}s to {@code room_members} rows and reads them back. */
final class MembershipRows {

    static final String COLUMNS = "room_id, user_id, role, joined_at, last_read_message_id, last_read_seq";

    /** Bind with {@link #bindInsert}. */
    static final String INSERT = "INSERT INTO room_members (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6)";

    private MembershipRows() {
    }

    static GenericExecuteSpec bindInsert(GenericExecuteSpec spec, Membership membership) {
        GenericExecuteSpec bound = spec
                .bind(0, membership.roomId().value())
                .bind(1, membership.userId().value())
                .bind(2, membership.role().name())
                .bind(3, timestamp(membership.joinedAt()));
        ReadPosition lastRead = membership.lastRead();
        GenericExecuteSpec withId = bindNullable(bound, 4, lastRead == null ? null : lastRead.messageId().value(), String.class);
        return bindNullable(withId, 5, lastRead == null ? null : lastRead.seq(), Long.class);
    }

    static Membership membership(Readable row) {
        String lastRead = string(row, "last_read_message_id");
        Long lastReadSeq = row.get("last_read_seq", Long.class);
        return new Membership(
                new RoomId(string(row, "room_id")),
                new UserId(string(row, "user_id")),
                Role.valueOf(string(row, "role")),
                instant(row, "joined_at"),
                lastRead == null ? null : new ReadPosition(new MessageId(lastRead), lastReadSeq));
    }
}
