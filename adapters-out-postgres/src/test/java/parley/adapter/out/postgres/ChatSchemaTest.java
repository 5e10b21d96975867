package parley.adapter.out.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import parley.domain.room.Room;
import parley.domain.user.User;

/** The migration's keys hold on their own, whatever code writes to the tables. */
class ChatSchemaTest extends MigratedDatabaseTest {

    @Test
    void theMigrationCreatesTheFourTablesAndIsRecordedByFlyway() throws SQLException {
        assertThat(strings("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name"))
                .contains("messages", "room_members", "rooms", "users", "sessions", "flyway_schema_history");
        assertThat(strings("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")).containsExactly("1", "2", "3", "4", "5", "6", "7");
    }

    @Test
    void theRoomColumnsEveryBatchMovesAreInNoIndexSoTheirUpdatesStayHeapOnly() throws SQLException {
        // an index on last_seq or last_message_* makes every batch's room update non-HOT: dead row
        // versions pile up in busy rooms until autovacuum (V2__hot_room_updates.sql)
        assertThat(strings("SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 'rooms'::regclass"))
                .isNotEmpty()
                .noneMatch(definition -> definition.contains("last_seq") || definition.contains("last_message"));
        assertThat(strings("SELECT unnest(reloptions) FROM pg_class WHERE oid = 'rooms'::regclass")).contains("fillfactor=50");
    }

    @Test
    void everyIdColumnSortsBytewiseWhateverTheDatabaseLocale() throws SQLException {
        List<String> idColumns = strings("""
                SELECT table_name || '.' || column_name || ' ' || coalesce(collation_name, '(default)')
                  FROM information_schema.columns
                 WHERE table_schema = 'public' AND table_name IN ('users', 'rooms', 'room_members', 'messages')
                   AND character_maximum_length = 26""");

        assertThat(idColumns).containsExactlyInAnyOrder(
                "users.id C", "rooms.id C", "rooms.created_by C", "rooms.last_message_id C",
                "room_members.room_id C", "room_members.user_id C", "room_members.last_read_message_id C",
                "messages.id C", "messages.room_id C", "messages.sender_id C");
    }

    @Test
    void theDatabaseRefusesASecondMessageWithTheSameSeqInARoom() throws SQLException {
        User alice = chat.user("alice");
        Room room = chat.room(alice, "Seq");
        insertMessage(TestIds.next(), room, alice, UUID.randomUUID(), 1);

        assertThatThrownBy(() -> insertMessage(TestIds.next(), room, alice, UUID.randomUUID(), 1))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("messages_room_id_seq_key");
    }

    @Test
    void theDatabaseRefusesASecondMessageWithTheSameClientMsgIdFromTheSameSenderInARoom() throws SQLException {
        User alice = chat.user("alice");
        User bob = chat.user("bob");
        Room room = chat.room(alice, "Client ids");
        UUID clientMsgId = UUID.randomUUID();
        insertMessage(TestIds.next(), room, alice, clientMsgId, 1);
        // another sender may use the same client id
        insertMessage(TestIds.next(), room, bob, clientMsgId, 2);

        assertThatThrownBy(() -> insertMessage(TestIds.next(), room, alice, clientMsgId, 3))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("messages_room_id_sender_id_client_msg_id_key");
    }

    @Test
    void theDatabaseRefusesSeqZeroAnUnknownTypeAndAnUnknownRole() {
        User alice = chat.user("alice");
        Room room = chat.room(alice, "Checks");

        assertThatThrownBy(() -> insertMessage(TestIds.next(), room, alice, UUID.randomUUID(), 0))
                .hasMessageContaining("messages_seq_check");
        assertThatThrownBy(() -> update("""
                INSERT INTO messages (id, room_id, sender_id, client_msg_id, type, content, created_at, seq)
                VALUES (?, ?, ?, ?, 'VIDEO', 'x', now(), 1)""", TestIds.next(), room.id().value(), alice.id().value(), UUID.randomUUID()))
                .hasMessageContaining("messages_type_check");
        assertThatThrownBy(() -> update("UPDATE room_members SET role = 'ADMIN' WHERE room_id = ?", room.id().value()))
                .hasMessageContaining("room_members_role_check");
    }

    @Test
    void aRoomWithoutMessagesHasAnEmptyDescriptionAndSeqZeroByDefault() throws SQLException {
        User alice = chat.user("alice");
        String id = TestIds.next();
        update("INSERT INTO rooms (id, name, created_by, created_at) VALUES (?, 'Defaults', ?, now())", id, alice.id().value());

        assertThat(strings("SELECT '[' || description || ']' || last_seq FROM rooms WHERE id = '" + id + "'")).containsExactly("[]0");
    }

    private static void insertMessage(String id, Room room, User sender, UUID clientMsgId, long seq) throws SQLException {
        update("""
                INSERT INTO messages (id, room_id, sender_id, client_msg_id, type, content, created_at, seq)
                VALUES (?, ?, ?, ?, 'TEXT', 'hello', now(), ?)""", id, room.id().value(), sender.id().value(), clientMsgId, seq);
    }

    private static void update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private static List<String> strings(String sql) throws SQLException {
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }
}
