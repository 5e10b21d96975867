package parley.reliability.abuse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * A long history written straight into the database the stack uses, as the worker would have
 * stored it (seq 1..n, the room's last message moved along): sending thousands of messages
 * through the rate-limited socket would take minutes.
 */
public final class StoredHistory {

    private StoredHistory() {
    }

    /** Appends {@code count} TEXT messages of {@code length} characters by {@code senderId}; returns the room's new last seq. */
    static long append(String roomId, String senderId, int count, int length) {
        try (Connection db = AbuseStack.database()) {
            return append(db, roomId, senderId, count, length);
        } catch (SQLException e) {
            throw new IllegalStateException("could not reach the database: " + e, e);
        }
    }

    /** As {@link #append(String, String, int, int)}, in the database {@code db} is connected to. */
    public static long append(Connection db, String roomId, String senderId, int count, int length) {
        String content = "catch me up ".repeat(length / 12 + 1).substring(0, length);
        try {
            db.setAutoCommit(false);
            long lastSeq;
            try (var rs = db.createStatement().executeQuery("SELECT last_seq FROM rooms WHERE id = '" + roomId + "' FOR UPDATE")) {
                rs.next();
                lastSeq = rs.getLong(1);
            }
            String lastId = null;
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement insert = db.prepareStatement("""
                    INSERT INTO messages (id, room_id, sender_id, client_msg_id, type, content, created_at, seq)
                    VALUES (?, ?, ?, ?, 'TEXT', ?, ?, ?)""")) {
                for (int i = 1; i <= count; i++) {
                    lastId = Ids.ulid();
                    insert.setString(1, lastId);
                    insert.setString(2, roomId);
                    insert.setString(3, senderId);
                    insert.setObject(4, UUID.randomUUID());
                    insert.setString(5, content);
                    insert.setTimestamp(6, now);
                    insert.setLong(7, lastSeq + i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement room = db.prepareStatement(
                    "UPDATE rooms SET last_seq = ?, last_message_id = ?, last_message_at = ? WHERE id = ?")) {
                room.setLong(1, lastSeq + count);
                room.setString(2, lastId);
                room.setTimestamp(3, now);
                room.setString(4, roomId);
                room.executeUpdate();
            }
            db.commit();
            return lastSeq + count;
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the history of room " + roomId + ": " + e, e);
        }
    }
}
