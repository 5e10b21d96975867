package parley.loadgen;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Read-only checks against PostgreSQL over JDBC: how many of a run's messages are stored. */
final class Db implements AutoCloseable {

    private final Connection connection;

    Db(String url, String user, String password) {
        try {
            java.util.Properties properties = new java.util.Properties();
            properties.setProperty("user", user);
            properties.setProperty("password", password);
            // as the applications' connections (PostgresSessionSettings), so insert-limit measures the same plans
            properties.setProperty("options", "-c plan_cache_mode=force_custom_plan");
            connection = DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + url + ": " + e.getMessage(), e);
        }
    }

    Connection connection() {
        return connection;
    }

    /** Messages persisted in these rooms so far, from the rooms' {@code last_seq} (cheap: one row per room). */
    synchronized long persistedBySeq(List<String> roomIds) {
        return single("SELECT coalesce(sum(last_seq), 0) FROM rooms WHERE id = ANY(?)", roomIds);
    }

    /** Rows in {@code messages} for these rooms (exact; an index scan). */
    synchronized long countRows(List<String> roomIds) {
        return single("SELECT count(*) FROM messages WHERE room_id = ANY(?)", roomIds);
    }

    private long single(String sql, List<String> roomIds) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            Array ids = connection.createArrayOf("text", roomIds.toArray());
            statement.setArray(1, ids);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing
        }
    }
}
