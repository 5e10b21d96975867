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
                .contains("messages", "room_members", "rooms", "users", "sessions", "room_invitations", "room_bans", "flyway_schema_history");
        assertThat(strings("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
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
                 WHERE table_schema = 'public'
                   AND table_name IN ('users', 'rooms', 'room_members', 'messages', 'room_invitations', 'room_bans')
                   AND character_maximum_length = 26""");

        assertThat(idColumns).containsExactlyInAnyOrder(
                "users.id C", "rooms.id C", "rooms.created_by C", "rooms.last_message_id C",
                "rooms.direct_first C", "rooms.direct_second C",
                "room_invitations.room_id C", "room_invitations.user_id C", "room_invitations.invited_by C",
                "room_bans.room_id C", "room_bans.user_id C", "room_bans.banned_by C",
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
        assertThatThrownBy(() -> update("UPDATE room_members SET role = 'MODERATOR' WHERE room_id = ?", room.id().value()))
                .hasMessageContaining("room_members_role_check");
    }

    @Test
    void aMemberMayBeAnAdmin() throws SQLException {
        User alice = chat.user("alice");
        Room room = chat.room(alice, "Admins");

        update("UPDATE room_members SET role = 'ADMIN' WHERE room_id = ?", room.id().value());

        assertThat(strings("SELECT role FROM room_members WHERE room_id = '" + room.id().value() + "'")).containsExactly("ADMIN");
    }

    @Test
    void theDatabaseKeepsOneDirectRoomPerPairWithTheLowerIdFirstAndPrivate() throws SQLException {
        User alice = chat.user("alice");
        User bob = chat.user("bob");
        String low = alice.id().compareTo(bob.id()) < 0 ? alice.id().value() : bob.id().value();
        String high = low.equals(alice.id().value()) ? bob.id().value() : alice.id().value();
        insertDirect(TestIds.next(), low, high, "PRIVATE");

        assertThatThrownBy(() -> insertDirect(TestIds.next(), low, high, "PRIVATE")).hasMessageContaining("rooms_direct_pair_key");
        assertThatThrownBy(() -> insertDirect(TestIds.next(), high, low, "PRIVATE")).hasMessageContaining("rooms_direct_check");
        assertThatThrownBy(() -> insertDirect(TestIds.next(), low, low, "PRIVATE")).hasMessageContaining("rooms_direct_check");
        assertThatThrownBy(() -> insertDirect(TestIds.next(), low, null, "PRIVATE")).hasMessageContaining("rooms_direct_check");
        User carol = chat.user("carol");
        assertThatThrownBy(() -> insertDirect(TestIds.next(), min(low, carol), max(low, carol), "PUBLIC"))
                .hasMessageContaining("rooms_direct_check");
    }

    @Test
    void theDatabaseRefusesAnUnknownVisibilityAndExistingRoomsArePublic() throws SQLException {
        User alice = chat.user("alice");
        Room room = chat.room(alice, "Visible");

        assertThat(strings("SELECT visibility FROM rooms WHERE id = '" + room.id().value() + "'")).containsExactly("PUBLIC");
        assertThatThrownBy(() -> update("UPDATE rooms SET visibility = 'SECRET' WHERE id = ?", room.id().value()))
                .hasMessageContaining("rooms_visibility_check");
    }

    @Test
    void anInvitationAndABanArePerRoomAndUser() throws SQLException {
        User alice = chat.user("alice");
        User bob = chat.user("bob");
        Room room = chat.room(alice, "Moderated");
        String invite = "INSERT INTO room_invitations (room_id, user_id, invited_by, created_at) VALUES (?, ?, ?, now())";
        String ban = "INSERT INTO room_bans (room_id, user_id, banned_by, created_at) VALUES (?, ?, ?, now())";
        update(invite, room.id().value(), bob.id().value(), alice.id().value());
        update(ban, room.id().value(), bob.id().value(), alice.id().value());

        assertThatThrownBy(() -> update(invite, room.id().value(), bob.id().value(), alice.id().value()))
                .hasMessageContaining("room_invitations_pkey");
        assertThatThrownBy(() -> update(ban, room.id().value(), bob.id().value(), alice.id().value()))
                .hasMessageContaining("room_bans_pkey");
    }

    private static String min(String id, User user) {
        return id.compareTo(user.id().value()) < 0 ? id : user.id().value();
    }

    private static String max(String id, User user) {
        return id.compareTo(user.id().value()) < 0 ? user.id().value() : id;
    }

    private static void insertDirect(String id, String first, String second, String visibility) throws SQLException {
        update("""
                INSERT INTO rooms (id, name, created_by, created_at, visibility, direct_first, direct_second)
                VALUES (?, 'direct', ?, now(), ?, ?, ?)""", id, first, visibility, first, second);
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
