package parley.adapter.out.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import parley.testkit.WithRealInfrastructure;

/** V3 on data written before it: every read marker gets the seq of its message; unread counts follow seq. */
@WithRealInfrastructure
class ReadMarkerMigrationTest {

    @Test
    void existingReadMarkersAreGivenTheSeqOfTheirMessage() throws SQLException {
        try (PostgresDatabase database = PostgresDatabase.createMigratedTo("2");
             Connection db = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
             Statement sql = db.createStatement()) {
            sql.execute("""
                    INSERT INTO users (id, email, display_name, password_hash, created_at) VALUES
                      ('01JM1GRATE000000000000000A', 'a@example.com', 'A', 'h', now()),
                      ('01JM1GRATE000000000000000B', 'b@example.com', 'B', 'h', now());
                    INSERT INTO rooms (id, name, created_by, created_at, last_message_id, last_message_at, last_seq) VALUES
                      ('01JM1GRATE000000000000000R', 'r', '01JM1GRATE000000000000000A', now(), '01JM1GRATE00000000000000M1', now(), 2);
                    -- M2 (the smaller id) was stored second
                    INSERT INTO messages (id, room_id, sender_id, client_msg_id, type, content, created_at, seq) VALUES
                      ('01JM1GRATE00000000000000M2', '01JM1GRATE000000000000000R', '01JM1GRATE000000000000000A',
                       gen_random_uuid(), 'TEXT', 'first stored', now(), 1),
                      ('01JM1GRATE00000000000000M1', '01JM1GRATE000000000000000R', '01JM1GRATE000000000000000A',
                       gen_random_uuid(), 'TEXT', 'second stored', now(), 2);
                    INSERT INTO room_members (room_id, user_id, role, joined_at, last_read_message_id) VALUES
                      ('01JM1GRATE000000000000000R', '01JM1GRATE000000000000000A', 'OWNER', now(), NULL),
                      ('01JM1GRATE000000000000000R', '01JM1GRATE000000000000000B', 'MEMBER', now(), '01JM1GRATE00000000000000M1');
                    """);

            database.migrateTo(null);

            try (ResultSet rows = sql.executeQuery("SELECT user_id, last_read_seq FROM room_members ORDER BY user_id")) {
                rows.next();
                assertThat(rows.getObject("last_read_seq")).as("nothing read").isNull();
                rows.next();
                assertThat(rows.getLong("last_read_seq")).as("the marker's message was stored second").isEqualTo(2);
            }
            ChatFixture chat = new ChatFixture(database);
            assertThat(chat.rooms.summary(parley.domain.room.RoomId.of("01JM1GRATE000000000000000R"),
                    parley.domain.user.UserId.of("01JM1GRATE000000000000000B")).block().unreadCount())
                    .as("B has read up to seq 2: nothing unread, although the other message has the larger id").isZero();
        }
    }
}
